using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>
/// One policy walked over a period: its closed trades, and after every decision the time and the equity in pips
/// (realised net of commission, plus the open position marked at the window after the decision).
/// </summary>
public sealed record BacktestResult(
    string Policy,
    IReadOnlyList<TradeRecord> Trades,
    long[] Times,
    double[] Equity,
    int ExposedDecisions)
{
    public int Decisions => Times.Length;

    public double NetPips => Equity.Length == 0 ? 0 : Equity[^1];
}
