using Releat.MarketData.Model;

namespace Releat.Trader.Core.Risk;

/// <summary>
/// Lots for opening <c>units</c> policy units:
/// lots = units × lot_size_per_unit × clamp(equity / reference_equity × target_σ / σ, min_scale, max_scale),
/// rounded down to the symbol's volume step and capped at its maximum; each factor is 1 when its input is off or
/// unknown (no reference equity, no target, σ not yet measured). Equity scaling keeps the risk a fixed share of the
/// account as it grows or shrinks; volatility scaling keeps the expected move of a position about constant. Below the
/// symbol's minimum volume the answer is 0: no order.
/// </summary>
public sealed class PositionSizer(RiskSettings settings)
{
    public double Scale(double equity, double volatilityPerMinute)
    {
        double equityScale = settings.ReferenceEquity > 0 && equity > 0 ? equity / settings.ReferenceEquity : 1;
        double volatilityScale = settings.TargetVolatilityPerMinute > 0 && volatilityPerMinute > 0
            ? settings.TargetVolatilityPerMinute / volatilityPerMinute
            : 1;
        return Math.Clamp(equityScale * volatilityScale, settings.MinSizeScale, settings.MaxSizeScale);
    }

    public double LotsToOpen(int units, double lotSizePerUnit, double equity, double volatilityPerMinute, SymbolSpec symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        double wanted = units * lotSizePerUnit * Scale(equity, volatilityPerMinute);
        double lots = RoundDown(Math.Min(wanted, symbol.VolumeMax), symbol.VolumeStep);
        return lots + 1e-12 >= symbol.VolumeMin ? lots : 0;
    }

    /// <summary>Down to a whole number of steps, tolerant of binary fractions (0.03 / 0.01 is 2.9999999999999996).</summary>
    public static double RoundDown(double lots, double step) =>
        Math.Round(Math.Floor((lots / step) + 1e-9) * step, 8);
}
