using Releat.Learning.Parallelism;

namespace Releat.Learning.Environments;

/// <summary>
/// Gymnasium's SyncVectorEnv with RecordEpisodeStatistics built in: same-step auto-reset, per-episode return and
/// length. With <c>stepInParallel</c> the second half of the sub-environments is stepped on a helper thread; that
/// pays only for environments costlier than the handoff (CartPole is not: measure before turning it on).
/// </summary>
public sealed class VectorEnv : IVectorEnv, ICheckpointableEnvironment, IDisposable
{
    private readonly IEnvironment[] _envs;
    private readonly int _observationSize;
    private readonly int _actionCount;
    private readonly float[] _observations;
    private readonly float[] _finalObservations;
    private readonly float[] _rewards;
    private readonly bool[] _terminations;
    private readonly bool[] _truncations;
    private readonly bool[] _masks;
    private readonly double[] _episodeReturns;
    private readonly int[] _episodeLengths;
    private readonly EpisodeSummary[] _finishedSlots;
    private readonly int[] _pendingActions;
    private readonly HelperThread? _helper;
    private readonly int _split;
    private int _finishedCount;

    public VectorEnv(IReadOnlyList<IEnvironment> envs, bool stepInParallel = false)
    {
        ArgumentNullException.ThrowIfNull(envs);
        if (envs.Count == 0)
        {
            throw new ArgumentException("VectorEnv needs at least one environment.", nameof(envs));
        }

        _envs = [.. envs];
        SingleObservationSpace = _envs[0].ObservationSpace;
        SingleActionSpace = _envs[0].ActionSpace;
        for (int i = 1; i < _envs.Length; i++)
        {
            if (_envs[i].ObservationSpace.Size != SingleObservationSpace.Size || _envs[i].ActionSpace.N != SingleActionSpace.N)
            {
                throw new ArgumentException($"VectorEnv: environment {i} has different spaces from environment 0.", nameof(envs));
            }
        }

        _observationSize = SingleObservationSpace.Size;
        _actionCount = SingleActionSpace.N;
        int n = _envs.Length;
        _observations = new float[n * _observationSize];
        _finalObservations = new float[n * _observationSize];
        _rewards = new float[n];
        _terminations = new bool[n];
        _truncations = new bool[n];
        _masks = new bool[n * _actionCount];
        _episodeReturns = new double[n];
        _episodeLengths = new int[n];
        _finishedSlots = new EpisodeSummary[n];
        _pendingActions = new int[n];
        HasActionMasks = Array.Exists(_envs, e => e.HasActionMask);
        _split = n;
        if (stepInParallel && n > 1)
        {
            _split = n / 2;
            _helper = new HelperThread("VectorEnv step", () => StepRange(_split, _envs.Length));
        }
    }

    public int NumEnvs => _envs.Length;

    public BoxSpace SingleObservationSpace { get; }

    public DiscreteSpace SingleActionSpace { get; }

    public bool HasActionMasks { get; }

    public ReadOnlySpan<float> Observations => _observations;

    public ReadOnlySpan<float> Rewards => _rewards;

    public ReadOnlySpan<bool> Terminations => _terminations;

    public ReadOnlySpan<bool> Truncations => _truncations;

    public ReadOnlySpan<bool> ActionMasks => _masks;

    public ReadOnlySpan<float> FinalObservations => _finalObservations;

    public ReadOnlySpan<EpisodeSummary> FinishedEpisodes => _finishedSlots.AsSpan(0, _finishedCount);

    /// <summary>The sub-environments, e.g. to checkpoint their state.</summary>
    public IReadOnlyList<IEnvironment> Environments => _envs;

    /// <summary>The running return and length of each sub-environment's current episode (checkpointed with it).</summary>
    public Span<double> EpisodeReturns => _episodeReturns;

    public Span<int> EpisodeLengths => _episodeLengths;

    public void Reset(ulong seed)
    {
        for (int i = 0; i < _envs.Length; i++)
        {
            _envs[i].Reset(seed + (ulong)i, _observations.AsSpan(i * _observationSize, _observationSize));
            _envs[i].WriteActionMask(_masks.AsSpan(i * _actionCount, _actionCount));
            _episodeReturns[i] = 0;
            _episodeLengths[i] = 0;
        }

        _finishedCount = 0;
    }

    public void Step(ReadOnlySpan<int> actions)
    {
        if (actions.Length != _envs.Length)
        {
            throw new ArgumentException($"VectorEnv.Step: {actions.Length} actions for {_envs.Length} environments.", nameof(actions));
        }

        actions.CopyTo(_pendingActions);
        if (_helper is null)
        {
            StepRange(0, _envs.Length);
        }
        else
        {
            _helper.Release();
            StepRange(0, _split);
            _helper.Join();
        }

        // Collected after the step, in index order, so the episode log does not depend on thread timing.
        _finishedCount = 0;
        for (int i = 0; i < _envs.Length; i++)
        {
            if (_terminations[i] || _truncations[i])
            {
                _finishedSlots[_finishedCount++] = new EpisodeSummary(i, _episodeReturns[i], _episodeLengths[i]);
                _episodeReturns[i] = 0;
                _episodeLengths[i] = 0;
            }
        }
    }

    public void Dispose() => _helper?.Dispose();

    /// <summary>Every sub-environment's state, the running episode statistics and the current observations and masks.</summary>
    public byte[] CaptureState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(_envs.Length);
            for (int i = 0; i < _envs.Length; i++)
            {
                if (_envs[i] is not ICheckpointableEnvironment checkpointable)
                {
                    throw new InvalidOperationException($"VectorEnv: environment {i} ({_envs[i].GetType().Name}) cannot save its state.");
                }

                byte[] state = checkpointable.CaptureState();
                writer.Write(state.Length);
                writer.Write(state);
                writer.Write(_episodeReturns[i]);
                writer.Write(_episodeLengths[i]);
            }

            foreach (float x in _observations)
            {
                writer.Write(x);
            }

            foreach (bool m in _masks)
            {
                writer.Write(m);
            }
        }

        return stream.ToArray();
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        using var reader = new BinaryReader(new MemoryStream(state.ToArray()));
        int count = reader.ReadInt32();
        if (count != _envs.Length)
        {
            throw new ArgumentException($"VectorEnv.RestoreState: the state holds {count} environments, this vector env has {_envs.Length}.", nameof(state));
        }

        for (int i = 0; i < count; i++)
        {
            if (_envs[i] is not ICheckpointableEnvironment checkpointable)
            {
                throw new InvalidOperationException($"VectorEnv: environment {i} ({_envs[i].GetType().Name}) cannot restore a state.");
            }

            checkpointable.RestoreState(reader.ReadBytes(reader.ReadInt32()));
            _episodeReturns[i] = reader.ReadDouble();
            _episodeLengths[i] = reader.ReadInt32();
        }

        for (int i = 0; i < _observations.Length; i++)
        {
            _observations[i] = reader.ReadSingle();
        }

        for (int i = 0; i < _masks.Length; i++)
        {
            _masks[i] = reader.ReadBoolean();
        }

        _finishedCount = 0;
    }

    private void StepRange(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            Span<float> observation = _observations.AsSpan(i * _observationSize, _observationSize);
            StepOutcome outcome = _envs[i].Step(_pendingActions[i], observation);
            _rewards[i] = outcome.Reward;
            _terminations[i] = outcome.Terminated;
            _truncations[i] = outcome.Truncated;
            _episodeReturns[i] += outcome.Reward;
            _episodeLengths[i]++;
            if (outcome.Terminated || outcome.Truncated)
            {
                observation.CopyTo(_finalObservations.AsSpan(i * _observationSize, _observationSize));
                _envs[i].Reset(observation);
            }

            _envs[i].WriteActionMask(_masks.AsSpan(i * _actionCount, _actionCount));
        }
    }
}
