namespace Releat.Learning.Ppo;

/// <summary>
/// Everything besides weights and optimiser moments that a resumed run needs to continue exactly as if it had never
/// stopped: position in the run, the random stream, the pending observations, reward-normaliser and episode
/// statistics, and the environments' own state. Written as trainer_state.json.
/// </summary>
public sealed record PpoTrainerState
{
    public int Iteration { get; init; }

    public long GlobalStep { get; init; }

    public ulong[] RandomState { get; init; } = [];

    /// <summary>The networks' own generators (dropout), the agent's then its gradient replica's; empty when they have none.</summary>
    public ulong[][] NetworkRandomStates { get; init; } = [];

    public float[] NextObservations { get; init; } = [];

    public bool[] NextDones { get; init; } = [];

    public bool[] NextMasks { get; init; } = [];

    public double[]? RewardDiscountedReturns { get; init; }

    public double[]? RewardReturnStatistics { get; init; }

    public double[] RecentReturns { get; init; } = [];

    public long TotalEpisodes { get; init; }

    /// <summary>The vector env's saved state, base64 (null when the environments cannot save theirs).</summary>
    public string? EnvironmentState { get; init; }
}
