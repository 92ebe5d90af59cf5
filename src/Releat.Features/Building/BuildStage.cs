namespace Releat.Features.Building;

public enum BuildStage
{
    ComputingFeatures,
    FittingTransforms,
    WritingDataset,
    Done,
}
