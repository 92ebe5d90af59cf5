using Releat.Features.Bars;

namespace Releat.Features.Registry;

/// <summary>A bar feature given as a name and a formula; the built-in features are all of this kind.</summary>
public sealed class FunctionBarFeature(
    string name, string description, bool worksOnCandles, BarFeatureFunction formula, bool needsSkewness = false) : IBarFeature
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public bool WorksOnCandles { get; } = worksOnCandles;

    public bool NeedsSkewness { get; } = needsSkewness;

    public double Compute(in BarStatistics bar, in BarStatistics latest, PriceScale scale) => formula(bar, latest, scale);
}
