namespace Releat.Features.Bars;

/// <summary>
/// A symbol's price grid. Prices enter the engine as whole points (10^-digits), and a mid price as bid + ask in
/// points ("half-points"), so every running sum is an exact integer: adding a tick and later removing it leaves
/// no rounding residue, and a statistic depends only on the ticks in its window, never on the history before.
/// </summary>
public readonly record struct PriceScale(double PointScale, double PointsPerPip)
{
    public static PriceScale For(MarketData.Model.SymbolSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);

        // 0.0001 × 1e5 is 10.000000000000002 in binary; the ratio of two decimal grids is a clean decimal.
        return new PriceScale(spec.PointScale, Math.Round(spec.PipSize * spec.PointScale, 9));
    }

    public long ToPoints(double price) => (long)Math.Round(price * PointScale);

    /// <summary>A price from half-points (bid + ask in points is twice the mid).</summary>
    public double HalfPointsToPrice(double halfPoints) => halfPoints * 0.5 / PointScale;

    public double PointsToPips(double points) => points / PointsPerPip;

    public double HalfPointsToPips(double halfPoints) => halfPoints * 0.5 / PointsPerPip;

    public double PriceToPips(double priceDistance) => priceDistance * PointScale / PointsPerPip;
}
