using Releat.Features.Bars;

namespace Releat.Features.Registry;

/// <summary>The formula of a bar feature: the bar, the group's latest bar (lag 0) and the symbol's price scale.</summary>
public delegate double BarFeatureFunction(in BarStatistics bar, in BarStatistics latest, PriceScale scale);
