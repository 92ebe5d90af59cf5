using Releat.Training.Evaluation;
using Releat.Training.Runs;

namespace Releat.Cli.Commands;

/// <summary>`releat train --json`: how the run ended, its checkpoints, whether one may trade live, and figures rounded to what they mean.</summary>
internal sealed record TrainingSummary(
    string Agent,
    string Stage,
    long Steps,
    long TotalSteps,
    double Seconds,
    double MeanEpisodeReward,
    string FinalCheckpoint,
    string? BestCheckpoint,
    double? BestValidationNetPips,
    bool Deployable,
    double? ValidationT,
    string DeployableBecause,
    string RunDirectory)
{
    public static TrainingSummary Of(TrainingResult result) => new(
        result.AgentId,
        result.Stage == TrainingStage.Completed ? "completed" : "stopped",
        result.Steps,
        result.TotalSteps,
        ReportedNumber.Seconds(result.Elapsed.TotalSeconds),
        ReportedNumber.Ratio(result.MeanEpisodeReward),
        result.FinalCheckpoint,
        result.BestCheckpoint,
        result.BestValidationNetPips is double pips ? ReportedNumber.Pips(pips) : null,
        result.Deployment?.Deployable ?? false,
        result.Deployment is { } judged ? ReportedNumber.Ratio(judged.TStatistic) : null,
        result.Deployment?.Reason ?? "no checkpoint was judged on validation",
        result.RunDirectory);
}
