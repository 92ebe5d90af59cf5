namespace Releat.Agents.Config;

/// <summary>
/// The split of the data by time. Transforms are fitted on <see cref="Train"/> only; validation picks checkpoints;
/// test is touched once, at the end. The three never overlap.
/// </summary>
public sealed record DataSplit(TimeRange Train, TimeRange Validation, TimeRange Test)
{
    public DataSplitPart PartOf(long timeMs) =>
        Train.Contains(timeMs) ? DataSplitPart.Train
        : Validation.Contains(timeMs) ? DataSplitPart.Validation
        : Test.Contains(timeMs) ? DataSplitPart.Test
        : DataSplitPart.None;
}
