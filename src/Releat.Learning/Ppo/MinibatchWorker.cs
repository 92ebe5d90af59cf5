namespace Releat.Learning.Ppo;

/// <summary>
/// Computes the PPO loss gradient for a set of rollout rows with one network (the agent or a replica of it):
/// gathers the rows, runs forward, the loss, and backward into that network's (freshly zeroed) gradient buffer.
/// </summary>
internal sealed class MinibatchWorker
{
    private readonly RolloutBuffer _rollout;
    private readonly float[] _observations;
    private readonly bool[] _masks;
    private readonly int[] _actions;
    private readonly float[] _oldLogProbabilities;
    private readonly float[] _oldValues;
    private readonly float[] _returns;
    private readonly float[] _advantages;
    private readonly float[] _logProbabilityScratch;
    private readonly float[] _logitGradient;
    private readonly float[] _valueGradient;
    private readonly int[] _pendingIndices;
    private readonly int _obsSize;
    private readonly int _actionCount;
    private int _pendingCount;
    private int _pendingMeanOver;
    private PpoLossCoefficients? _pendingCoefficients;

    public MinibatchWorker(IActorCritic<float> agent, RolloutBuffer rollout, int capacity, int obsSize, int actionCount)
    {
        Agent = agent;
        _rollout = rollout;
        Capacity = capacity;
        _obsSize = obsSize;
        _actionCount = actionCount;
        _observations = new float[capacity * obsSize];
        _masks = new bool[capacity * actionCount];
        _actions = new int[capacity];
        _oldLogProbabilities = new float[capacity];
        _oldValues = new float[capacity];
        _returns = new float[capacity];
        _advantages = new float[capacity];
        _logProbabilityScratch = new float[capacity * actionCount];
        _logitGradient = new float[capacity * actionCount];
        _valueGradient = new float[capacity];
        _pendingIndices = new int[capacity];
    }

    public IActorCritic<float> Agent { get; }

    public int Capacity { get; }

    public PpoLossStatistics Result { get; private set; }

    /// <summary>The per-row figures were averaged over the whole minibatch, so the parts' figures add.</summary>
    public static PpoLossStatistics Combine(PpoLossStatistics a, PpoLossStatistics b) => new(
        a.Loss + b.Loss, a.PolicyLoss + b.PolicyLoss, a.ValueLoss + b.ValueLoss, a.Entropy + b.Entropy,
        a.OldApproxKl + b.OldApproxKl, a.ApproxKl + b.ApproxKl, a.ClipFraction + b.ClipFraction);

    /// <summary>Copies the rows to work on, for <see cref="Run"/> on another thread.</summary>
    public void Prepare(ReadOnlySpan<int> indices, ReadOnlySpan<float> normalisedAdvantages, int meanOver, PpoLossCoefficients coefficients)
    {
        indices.CopyTo(_pendingIndices);
        normalisedAdvantages[..indices.Length].CopyTo(_advantages);
        _pendingCount = indices.Length;
        _pendingMeanOver = meanOver;
        _pendingCoefficients = coefficients;
    }

    public void Run() =>
        Result = Compute(_pendingIndices.AsSpan(0, _pendingCount), _advantages, _pendingMeanOver, _pendingCoefficients!);

    public PpoLossStatistics Compute(ReadOnlySpan<int> indices, ReadOnlySpan<float> normalisedAdvantages, int meanOver, PpoLossCoefficients coefficients)
    {
        int n = indices.Length;
        Agent.Parameters.ZeroGradients();
        Gather(indices);
        ActorCriticOutput<float> output = Agent.Forward(_observations.AsSpan(0, n * _obsSize), n, training: true);
        bool masked = _rollout.Masks.Length > 0 && Array.IndexOf(_masks, false, 0, n * _actionCount) >= 0;
        PpoLossStatistics statistics = PpoLoss.Compute(
            output.Logits, masked ? _masks.AsSpan(0, n * _actionCount) : default, output.Values,
            _actions.AsSpan(0, n), _oldLogProbabilities.AsSpan(0, n), normalisedAdvantages[..n], _returns.AsSpan(0, n),
            _oldValues.AsSpan(0, n), coefficients, _logProbabilityScratch, _logitGradient, _valueGradient, meanOver);
        Agent.Backward(_logitGradient.AsSpan(0, n * _actionCount), _valueGradient.AsSpan(0, n), n);
        return statistics;
    }

    private void Gather(ReadOnlySpan<int> indices)
    {
        ReadOnlySpan<float> observations = _rollout.Observations;
        ReadOnlySpan<bool> masks = _rollout.Masks;
        for (int i = 0; i < indices.Length; i++)
        {
            int row = indices[i];
            observations.Slice(row * _obsSize, _obsSize).CopyTo(_observations.AsSpan(i * _obsSize, _obsSize));
            masks.Slice(row * _actionCount, _actionCount).CopyTo(_masks.AsSpan(i * _actionCount, _actionCount));
            _actions[i] = _rollout.Actions[row];
            _oldLogProbabilities[i] = _rollout.LogProbabilities[row];
            _oldValues[i] = _rollout.Values[row];
            _returns[i] = _rollout.Returns[row];
        }
    }
}
