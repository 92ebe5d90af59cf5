namespace Releat.Training.Runs;

/// <summary>One saved checkpoint: "run/step-…" (or "run/best"), where it is, how far training had come, and how it did.</summary>
public sealed record CheckpointInfo(
    string Id,
    string AgentId,
    string Run,
    long Steps,
    DateTime Created,
    string Path,
    double MeanEpisodeReward,
    double? ValidationNetPips,
    bool IsBest);
