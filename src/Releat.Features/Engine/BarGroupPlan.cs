using Releat.Features.Registry;

namespace Releat.Features.Engine;

/// <summary>A bars group ready to run: its symbol's index, bar length in decision steps, lags, features and columns.</summary>
public sealed record BarGroupPlan(
    string Name,
    int Symbol,
    int StepsPerBar,
    int Lags,
    IReadOnlyList<IBarFeature> Features,
    int Offset)
{
    public int Width => Lags * Features.Count;

    /// <summary>Steps the oldest lag reaches back: lag k covers steps [k·m, (k+1)·m) before the decision.</summary>
    public int LookbackSteps => Lags * StepsPerBar;
}
