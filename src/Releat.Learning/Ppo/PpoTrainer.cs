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
public sealed class PpoTrainer : IDisposable
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
            learned.Last.OldApproxKl, learned.Last.ApproxKl, learned.MeanClipFraction, ExplainedVariance(),
            Config.BatchSize / seconds, rolloutSeconds, seconds - rolloutSeconds, learned.Epochs, episodes,
            episodes > 0 ? returnSum / episodes : double.NaN);
        Log(report);
        return report;
    }

    public void Dispose() => _helper?.Dispose();

    public IActorCritic<float> Agent => _agent;

    /// <summary>The run's position and every random or pending quantity (see <see cref="PpoTrainerState"/>).</summary>
    public PpoTrainerState CaptureState()
    {
        RandomState random = Random.CaptureState();
        return new PpoTrainerState
        {
            Iteration = Iteration,
            GlobalStep = GlobalStep,
            RandomState = [random.S0, random.S1, random.S2, random.S3],
            NetworkRandomStates = [.. NetworkRandoms().Select(r => { RandomState s = r.CaptureState(); return new[] { s.S0, s.S1, s.S2, s.S3 }; })],
            NextObservations = [.. _nextObservations],
            NextDones = [.. _nextDones],
            NextMasks = [.. _nextMasks],
            RewardDiscountedReturns = _rewardNormalizer?.DiscountedReturns.ToArray(),
            RewardReturnStatistics = _rewardNormalizer is null ? null
                : [_rewardNormalizer.ReturnStatistics.Mean, _rewardNormalizer.ReturnStatistics.Variance, _rewardNormalizer.ReturnStatistics.Count],
            RecentReturns = RecentReturns.ToArray(),
            TotalEpisodes = RecentReturns.TotalEpisodes,
            EnvironmentState = _envs is ICheckpointableEnvironment env ? Convert.ToBase64String(env.CaptureState()) : null,
        };
    }

    public void RestoreState(PpoTrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextObservations.Length != _nextObservations.Length || state.NextDones.Length != _nextDones.Length
            || state.NextMasks.Length != _nextMasks.Length || state.RandomState.Length != 4)
        {
            throw new ArgumentException("PpoTrainer.RestoreState: the saved state was made for a different number of environments, observations or actions.", nameof(state));
        }

        Iteration = state.Iteration;
        GlobalStep = state.GlobalStep;
        Random.RestoreState(new RandomState(state.RandomState[0], state.RandomState[1], state.RandomState[2], state.RandomState[3]));
        SeededRandom[] networkRandoms = NetworkRandoms();
        if (state.NetworkRandomStates.Length != networkRandoms.Length)
        {
            throw new ArgumentException(
                $"PpoTrainer.RestoreState: the saved state has {state.NetworkRandomStates.Length} network random streams, these networks have {networkRandoms.Length}.", nameof(state));
        }

        for (int i = 0; i < networkRandoms.Length; i++)
        {
            ulong[] s = state.NetworkRandomStates[i];
            networkRandoms[i].RestoreState(new RandomState(s[0], s[1], s[2], s[3]));
        }

        state.NextObservations.CopyTo(_nextObservations, 0);
        state.NextDones.CopyTo(_nextDones, 0);
        state.NextMasks.CopyTo(_nextMasks, 0);
        if (_rewardNormalizer is not null && state.RewardDiscountedReturns is { } returns && state.RewardReturnStatistics is { Length: 3 } stats)
        {
            returns.CopyTo(_rewardNormalizer.DiscountedReturns);
            _rewardNormalizer.ReturnStatistics.Restore(stats[0], stats[1], stats[2]);
        }

        RecentReturns.Restore(state.RecentReturns, state.TotalEpisodes);
        if (state.EnvironmentState is not null)
        {
            if (_envs is not ICheckpointableEnvironment env)
            {
                throw new InvalidOperationException("PpoTrainer.RestoreState: the checkpoint holds environment state but these environments cannot restore it.");
            }

            env.RestoreState(Convert.FromBase64String(state.EnvironmentState));
        }
    }

    private SeededRandom[] NetworkRandoms() =>
        [.. new[] { _agent.Random, _secondary?.Agent.Random }.OfType<SeededRandom>()];

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
        NormalizedAdvantages(indices, _minibatchAdvantages);
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

    /// <summary>The minibatch's advantages, normalised by its mean and unbiased std (+1e-8) when norm_adv is set.</summary>
    private void NormalizedAdvantages(ReadOnlySpan<int> indices, Span<float> destination)
    {
        ReadOnlySpan<float> advantages = _rollout.Advantages;
        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = advantages[indices[i]];
        }

        if (!Config.NormAdv)
        {
            return;
        }

        double mean = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            mean += destination[i];
        }

        mean /= indices.Length;
        double sumSquares = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            sumSquares += (destination[i] - mean) * (destination[i] - mean);
        }

        double std = Math.Sqrt(sumSquares / (indices.Length - 1));
        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = (float)((destination[i] - mean) / (std + 1e-8));
        }
    }

    /// <summary>1 − Var(returns − values) / Var(returns) over the batch (NaN when the returns do not vary).</summary>
    private double ExplainedVariance()
    {
        ReadOnlySpan<float> values = _rollout.Values, returns = _rollout.Returns;
        double meanReturn = 0, meanResidual = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            meanReturn += returns[i];
            meanResidual += returns[i] - values[i];
        }

        meanReturn /= returns.Length;
        meanResidual /= returns.Length;
        double varReturn = 0, varResidual = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            varReturn += (returns[i] - meanReturn) * (returns[i] - meanReturn);
            double residual = returns[i] - values[i] - meanResidual;
            varResidual += residual * residual;
        }

        return varReturn == 0 ? double.NaN : 1 - (varResidual / varReturn);
    }

    private void Log(PpoUpdateReport report)
    {
        if (_logger is null)
        {
            return;
        }

        long step = report.GlobalStep;
        _logger.Log("charts/learning_rate", report.LearningRate, step);
        _logger.Log("losses/value_loss", report.ValueLoss, step);
        _logger.Log("losses/policy_loss", report.PolicyLoss, step);
        _logger.Log("losses/entropy", report.Entropy, step);
        _logger.Log("losses/old_approx_kl", report.OldApproxKl, step);
        _logger.Log("losses/approx_kl", report.ApproxKl, step);
        _logger.Log("losses/clipfrac", report.ClipFraction, step);
        _logger.Log("losses/explained_variance", report.ExplainedVariance, step);
        _logger.Log("charts/SPS", report.StepsPerSecond, step);
        _logger.Flush();
    }

    private readonly record struct LearnOutcome(PpoLossStatistics Last, double MeanClipFraction, int Epochs);
}
