namespace Releat.Features.Building;

/// <summary>Where a dataset build is: stage, ticks read so far (warm-up included) of about how many, rows written.</summary>
public sealed record BuildProgress(BuildStage Stage, long TicksProcessed, long TicksTotal, long ObservationsWritten)
{
    /// <summary>The stage in words, as the gRPC BuildProgress.stage field carries it.</summary>
    public string StageText => Stage switch
    {
        BuildStage.ComputingFeatures => "computing features",
        BuildStage.FittingTransforms => "fitting transforms",
        BuildStage.WritingDataset => "writing dataset",
        _ => "done",
    };
}
