using System.Diagnostics;
using System.Numerics.Tensors;
using Releat.Learning.Distributions;
using Releat.Learning.Environments;
using Releat.Learning.Logging;
using Releat.Learning.Numerics;
using Releat.Learning.Optimisation;
using Releat.Learning.Parallelism;

namespace Releat.Learning.Ppo;

/// <summary>
/// PPO with clipped surrogate, as CleanRL's ppo.py: each iteration collects num_steps × num_envs transitions,
/// computes GAE advantages, then runs update_epochs passes over shuffled minibatches (advantages normalised per
/// minibatch, global gradient-norm clipping, Adam with the learning rate annealed per iteration), and logs.
/// All random choices (actions, shuffles) come from one seeded generator; nothing allocates per step.
/// </summary>
public sealed partial class PpoTrainer : IDisposable
{
    private const ulong TrainerStreamSalt = 0x9E6C63D0676A9A99UL;

    private readonly IVectorEnv _envs;
    private readonly IActorCritic<float> _agent;
    private readonly IScalarLogger? _logger;
    private readonly Adam _optimizer;
    private readonly RewardNormalizer? _rewardNormalizer;
    private readonly RolloutBuffer _rollout;
    private readonly MinibatchWorker _primary;
    private readonly MinibatchWorker? _secondary;
    private readonly HelperThread? _helper;
    private readonly int[] _permutation;
    private readonly int[] _actions;
    private readonly float[] _nextObservations;
    private readonly bool[] _nextDones;
    private readonly bool[] _nextMasks;
    private readonly float[] _nextValues;
    private readonly float[] _logProbabilityRow;
    private readonly float[] _rewardScratch;
    private readonly float[] _minibatchAdvantages;
    private readonly PpoLossCoefficients _lossCoefficients;
    private readonly int _obsSize;
    private readonly int _actionCount;

    public PpoTrainer(PpoConfig config, IVectorEnv envs, IActorCritic<float> agent, IScalarLogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(envs);
        ArgumentNullException.ThrowIfNull(agent);
        config.Validate();
        if (envs.NumEnvs != config.NumEnvs)
        {
            throw new ArgumentException($"PpoTrainer: the vector env has {envs.NumEnvs} environments but num_envs is {config.NumEnvs}.", nameof(envs));
        }

        if (agent.ObservationSize != envs.SingleObservationSpace.Size || agent.ActionCount != envs.SingleActionSpace.N)
        {
            throw new ArgumentException(
                $"PpoTrainer: the agent takes {agent.ObservationSize} observations and {agent.ActionCount} actions, the env gives {envs.SingleObservationSpace.Size} and {envs.SingleActionSpace.N}.",
                nameof(agent));
        }

        if (agent.MaxBatch < Math.Max(config.MinibatchSize, config.NumEnvs))
        {
            throw new ArgumentException($"PpoTrainer: the agent was built for batches of {agent.MaxBatch}, the minibatch is {config.MinibatchSize}.", nameof(agent));
        }

        Config = config;
        _lossCoefficients = config.LossCoefficients;
        _envs = envs;
        _agent = agent;
        _logger = logger;
        _obsSize = envs.SingleObservationSpace.Size;
        _actionCount = envs.SingleActionSpace.N;
        _optimizer = new Adam(agent.Parameters.Count, new AdamConfig(config.LearningRate, Eps: config.AdamEps, WeightDecay: config.WeightDecay));
        _rewardNormalizer = config.NormReward ? new RewardNormalizer(config.NumEnvs, config.Gamma) : null;
        _rollout = new RolloutBuffer(config.NumSteps, config.NumEnvs, _obsSize, _actionCount);
        // The environments are seeded seed, seed+1, ...: the trainer's own stream is derived apart from them so that
        // action draws are not the very numbers an environment used for its initial state.
        Random = new SeededRandom(config.Seed ^ TrainerStreamSalt);
        _permutation = new int[config.BatchSize];
        _actions = new int[config.NumEnvs];
        _nextObservations = new float[config.NumEnvs * _obsSize];
        _nextDones = new bool[config.NumEnvs];
        _nextMasks = new bool[config.NumEnvs * _actionCount];
        _nextValues = new float[config.NumEnvs];
        _logProbabilityRow = new float[_actionCount];
        _rewardScratch = new float[config.NumEnvs];
        _minibatchAdvantages = new float[config.MinibatchSize];

        int half = config.GradientWorkers == 2 ? config.MinibatchSize / 2 : config.MinibatchSize;
        _primary = new MinibatchWorker(agent, _rollout, half, _obsSize, _actionCount);
        if (config.GradientWorkers == 2)
        {
            _secondary = new MinibatchWorker(agent.CreateGradientReplica(), _rollout, config.MinibatchSize - half, _obsSize, _actionCount);
            _helper = new HelperThread("PPO minibatch half", _secondary.Run);
        }

        envs.Reset(config.Seed);
        envs.Observations.CopyTo(_nextObservations);
        envs.ActionMasks.CopyTo(_nextMasks);
    }

    public PpoConfig Config { get; }

    /// <summary>The generator for action sampling and minibatch shuffles (checkpointed).</summary>
    public SeededRandom Random { get; }

    public Adam Optimizer => _optimizer;

    public RewardNormalizer? RewardNormalizer => _rewardNormalizer;

    public EpisodeReturnWindow RecentReturns { get; } = new();

    /// <summary>Iterations completed so far.</summary>
    public int Iteration { get; private set; }

    public long GlobalStep { get; private set; }

    public bool IsFinished => Iteration >= Config.NumIterations;

    /// <summary>Runs the remaining iterations, reporting each.</summary>
    public void Train(Action<PpoUpdateReport>? onIteration = null)
    {
        while (!IsFinished)
        {
            PpoUpdateReport report = RunIteration();
            onIteration?.Invoke(report);
        }
    }

    /// <summary>One PPO iteration: rollout, advantages, minibatch updates, logging.</summary>
    public PpoUpdateReport RunIteration()
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"PpoTrainer: all {Config.NumIterations} iterations are done.");
        }

        long started = Stopwatch.GetTimestamp();
        double learningRate = Config.LrSchedule.RateAt(Config.LearningRate, Iteration, Config.NumIterations);
        _optimizer.LearningRate = learningRate;

        (int episodes, double returnSum) = CollectRollout();
        ComputeAdvantages();
        long rolledOut = Stopwatch.GetTimestamp();
        LearnOutcome learned = LearnFromRollout();

        Iteration++;
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double rolloutSeconds = Stopwatch.GetElapsedTime(started, rolledOut).TotalSeconds;
        var report = new PpoUpdateReport(
            Iteration, GlobalStep, learningRate, learned.Last.PolicyLoss, learned.Last.ValueLoss, learned.Last.Entropy,
            learned.Last.OldApproxKl, learned.Last.ApproxKl, learned.MeanClipFraction,
            BatchStatistics.ExplainedVariance(_rollout.Values, _rollout.Returns),
            Config.BatchSize / seconds, rolloutSeconds, seconds - rolloutSeconds, learned.Epochs, episodes,
            episodes > 0 ? returnSum / episodes : double.NaN);
        if (_logger is not null)
        {
            report.WriteTo(_logger);
        }

        return report;
    }

    public void Dispose() => _helper?.Dispose();

    public IActorCritic<float> Agent => _agent;

    private (int Episodes, double ReturnSum) CollectRollout()
    {
        int numEnvs = Config.NumEnvs;
        int episodes = 0;
        double returnSum = 0;
        for (int step = 0; step < Config.NumSteps; step++)
        {
            GlobalStep += numEnvs;
            _rollout.StoreObservation(step, _nextObservations, _nextDones, _nextMasks);

            ActorCriticOutput<float> output = _agent.Forward(_nextObservations, numEnvs, training: false);
            for (int env = 0; env < numEnvs; env++)
            {
                ReadOnlySpan<bool> mask = _envs.HasActionMasks ? _nextMasks.AsSpan(env * _actionCount, _actionCount) : default;
                MaskedCategorical.LogProbabilities(output.Logits.Slice(env * _actionCount, _actionCount), mask, _logProbabilityRow);
                int action = MaskedCategorical.Sample<float>(_logProbabilityRow, Random);
                _actions[env] = action;
                _rollout.StoreDecision(step, env, action, _logProbabilityRow[action], output.Values[env]);
            }

            _envs.Step(_actions);
            _envs.Rewards.CopyTo(_rewardScratch);
            _rewardNormalizer?.Normalize(_rewardScratch, _envs.Terminations);
            _rollout.StoreRewards(step, _rewardScratch);
            _envs.Observations.CopyTo(_nextObservations);
            _envs.ActionMasks.CopyTo(_nextMasks);
            for (int env = 0; env < numEnvs; env++)
            {
                _nextDones[env] = _envs.Terminations[env] || _envs.Truncations[env];
            }

            foreach (EpisodeSummary episode in _envs.FinishedEpisodes)
            {
                episodes++;
                returnSum += episode.Return;
                RecentReturns.Add(episode.Return);
                _logger?.Log("charts/episodic_return", episode.Return, GlobalStep);
                _logger?.Log("charts/episodic_length", episode.Length, GlobalStep);
            }
        }

        return (episodes, returnSum);
    }

    private void ComputeAdvantages()
    {
        ActorCriticOutput<float> next = _agent.Forward(_nextObservations, Config.NumEnvs, training: false);
        next.Values.CopyTo(_nextValues);
        GeneralizedAdvantageEstimation.Compute(
            _rollout.Rewards, _rollout.Values, _rollout.Dones, _nextValues, _nextDones, Config.NumSteps,
            Config.Gamma, Config.GaeLambda, _rollout.Advantages, _rollout.Returns);
    }

    private LearnOutcome LearnFromRollout()
    {
        int minibatch = Config.MinibatchSize;
        PpoLossStatistics last = default;
        double clipFractionSum = 0;
        int minibatches = 0, epochs = 0;
        for (int epoch = 0; epoch < Config.UpdateEpochs; epoch++)
        {
            epochs++;
            Random.Permute(_permutation);
            for (int start = 0; start < Config.BatchSize; start += minibatch)
            {
                last = UpdateMinibatch(_permutation.AsSpan(start, minibatch));
                clipFractionSum += last.ClipFraction;
                minibatches++;
            }

            if (Config.TargetKl is double targetKl && last.ApproxKl > targetKl)
            {
                break;
            }
        }

        return new LearnOutcome(last, clipFractionSum / minibatches, epochs);
    }

    private PpoLossStatistics UpdateMinibatch(ReadOnlySpan<int> indices)
    {
        ReadOnlySpan<float> advantages = _rollout.Advantages;
        for (int i = 0; i < indices.Length; i++)
        {
            _minibatchAdvantages[i] = advantages[indices[i]];
        }

        if (Config.NormAdv)
        {
            BatchStatistics.Normalize(_minibatchAdvantages.AsSpan(0, indices.Length));
        }

        PpoLossStatistics statistics;
        if (_secondary is null || _helper is null)
        {
            statistics = _primary.Compute(indices, _minibatchAdvantages, indices.Length, _lossCoefficients);
        }
        else
        {
            int half = _primary.Capacity;
            _secondary.Prepare(indices[half..], _minibatchAdvantages.AsSpan(half), indices.Length, _lossCoefficients);
            _helper.Release();
            PpoLossStatistics first = _primary.Compute(indices[..half], _minibatchAdvantages.AsSpan(0, half), indices.Length, _lossCoefficients);
            _helper.Join();
            statistics = MinibatchWorker.Combine(first, _secondary.Result);
            TensorPrimitives.Add(_agent.Parameters.Gradients, _secondary.Agent.Parameters.Gradients, _agent.Parameters.Gradients);
        }

        GradientClipping.ClipGlobalNorm(_agent.Parameters.Gradients, Config.MaxGradNorm);
        _optimizer.Update(_agent.Parameters.GetValuesForWriting(), _agent.Parameters.Gradients);
        return statistics;
    }

    private readonly record struct LearnOutcome(PpoLossStatistics Last, double MeanClipFraction, int Epochs);
}
