namespace Releat.Training.Runs;

/// <summary>
/// How a run ended: completed or stopped, steps done, its newest checkpoint, the best one on validation among those the
/// deploy rule lets trade (null when none does), and the verdict of that best, else of the last checkpoint judged.
/// </summary>
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
    Evaluation.DeploymentVerdict? Deployment,
    TimeSpan Elapsed);
