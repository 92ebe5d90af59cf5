namespace Releat.Features;

public enum BuildStage
{
    ComputingFeatures,
    FittingTransforms,
    WritingDataset,
    Done,
}
