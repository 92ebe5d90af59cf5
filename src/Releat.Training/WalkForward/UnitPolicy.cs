namespace Releat.Training.WalkForward;

/// <summary>
/// One policy over one fold's test window: equity in pips after every decision (net of costs), closed trades, units
/// traded (each open and each close counts), what spread and commission cost it, and decisions spent in a position.
/// </summary>
public sealed record UnitPolicy(
    string Name,
    double[] Equity,
    int Trades,
    long UnitsTraded,
    double SpreadPips,
    double CommissionPips,
    int ExposedDecisions)
{
    public double NetPips => Equity.Length == 0 ? 0 : Equity[^1];

    public double CostsPips => SpreadPips + CommissionPips;
}
