using Releat.Features.Bars;

namespace Releat.Features.Registry;

/// <summary>
/// A feature of one bar, the plug-in point for user features: implement it, register it by name with
/// <see cref="FeatureRegistry.Register(IBarFeature)"/>, and name it in an agent's features list. It is evaluated
/// for every lag of the group at each decision, from the bar's statistics and the group's latest bar (lag 0).
/// Keep it a pure function of its arguments: the batch and live drivers then agree bit for bit.
/// </summary>
public interface IBarFeature
{
    /// <summary>The name configs use: lower case, digits and '_'.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Whether candles (open, high, low, close only) are enough; otherwise it needs ticks.</summary>
    bool WorksOnCandles { get; }

    /// <summary>Whether it reads <see cref="BarStatistics.Skewness"/> (the engine then keeps third moments).</summary>
    bool NeedsSkewness => false;

    double Compute(in BarStatistics bar, in BarStatistics latest, PriceScale scale);
}
