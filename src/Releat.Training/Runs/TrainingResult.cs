namespace Releat.Training;

/// <summary>How a run ended: completed or stopped, steps done, its newest checkpoint and the best one on validation.</summary>
public sealed record TrainingResult(
    string AgentId,
    string RunDirectory,
    TrainingStage Stage,
    long Steps,
    long TotalSteps,
    double MeanEpisodeReward,
    string FinalCheckpoint,
    string? BestCheckpoint,
    double? BestValidationNetPips,
    TimeSpan Elapsed);
