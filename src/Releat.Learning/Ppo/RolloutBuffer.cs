namespace Releat.Learning.Ppo;

/// <summary>
/// One iteration's transitions, [num_steps × num_envs] flattened step-major (index t·num_envs + env), which is
/// CleanRL's b_* reshape. Allocated once per trainer.
/// </summary>
public sealed class RolloutBuffer
{
    private readonly float[] _observations;
    private readonly bool[] _masks;
    private readonly int[] _actions;
    private readonly float[] _logProbabilities;
    private readonly float[] _rewards;
    private readonly bool[] _dones;
    private readonly float[] _values;
    private readonly float[] _advantages;
    private readonly float[] _returns;

    public RolloutBuffer(int numSteps, int numEnvs, int observationSize, int actionCount)
    {
        NumSteps = numSteps;
        NumEnvs = numEnvs;
        ObservationSize = observationSize;
        ActionCount = actionCount;
        int n = numSteps * numEnvs;
        _observations = new float[n * observationSize];
        _masks = new bool[n * actionCount];
        _actions = new int[n];
        _logProbabilities = new float[n];
        _rewards = new float[n];
        _dones = new bool[n];
        _values = new float[n];
        _advantages = new float[n];
        _returns = new float[n];
    }

    public int NumSteps { get; }

    public int NumEnvs { get; }

    public int ObservationSize { get; }

    public int ActionCount { get; }

    public ReadOnlySpan<float> Observations => _observations;

    public ReadOnlySpan<bool> Masks => _masks;

    public ReadOnlySpan<int> Actions => _actions;

    public ReadOnlySpan<float> LogProbabilities => _logProbabilities;

    public ReadOnlySpan<float> Rewards => _rewards;

    public ReadOnlySpan<bool> Dones => _dones;

    public ReadOnlySpan<float> Values => _values;

    public Span<float> Advantages => _advantages;

    public Span<float> Returns => _returns;

    /// <summary>obs[t], dones[t] (did obs[t] start a new episode) and the action masks at step t for every env.</summary>
    public void StoreObservation(int step, ReadOnlySpan<float> observations, ReadOnlySpan<bool> dones, ReadOnlySpan<bool> masks)
    {
        observations.CopyTo(_observations.AsSpan(step * NumEnvs * ObservationSize, NumEnvs * ObservationSize));
        dones.CopyTo(_dones.AsSpan(step * NumEnvs, NumEnvs));
        masks.CopyTo(_masks.AsSpan(step * NumEnvs * ActionCount, NumEnvs * ActionCount));
    }

    public void StoreDecision(int step, int env, int action, float logProbability, float value)
    {
        int at = (step * NumEnvs) + env;
        _actions[at] = action;
        _logProbabilities[at] = logProbability;
        _values[at] = value;
    }

    public void StoreRewards(int step, ReadOnlySpan<float> rewards) => rewards.CopyTo(_rewards.AsSpan(step * NumEnvs, NumEnvs));
}
