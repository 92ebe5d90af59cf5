using Releat.Trading;
using Releat.Training.Evaluation;

namespace Releat.Training.WalkForward;

/// <summary>
/// What a backtest paid to trade, in pips (units × pips): commission is what the trades' net result lost to it
/// (gross per-unit pips times units, less net); spread is half the bid-ask spread of the execution window at each
/// end of every trade (what crossing from the mid price costs), per unit.
/// </summary>
public static class TradingCosts
{
    public static UnitPolicy Measure(BacktestResult result, DecisionTape tape, Range rows)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tape);
        int first = rows.GetOffsetAndLength(tape.Count).Offset;
        double pip = tape.Rules.PipSize;
        double spread = 0, commission = 0;
        long units = 0;
        foreach (TradeRecord trade in result.Trades)
        {
            int size = Math.Abs(trade.Units);
            units += 2L * size;
            commission += (size * trade.PipsPerUnit) - trade.NetPips;
            spread += size * 0.5 * (SpreadPips(tape, first + RowAt(result.Times, trade.OpenedMs), pip) + SpreadPips(tape, first + RowAt(result.Times, trade.ClosedMs), pip));
        }

        return new UnitPolicy(result.Policy, result.Equity, result.Trades.Count, units, spread, commission, result.ExposedDecisions);
    }

    /// <summary>The decision at or before a time (a trade opens and closes at a decision; a stop inside the window after one).</summary>
    private static int RowAt(long[] times, long timeMs)
    {
        int i = Array.BinarySearch(times, timeMs);
        return Math.Max(0, i >= 0 ? i : ~i - 1);
    }

    private static double SpreadPips(DecisionTape tape, int row, double pip)
    {
        Features.Drivers.ExecutionRange w = tape.Execution(Math.Min(row, tape.Count - 1));
        return Math.Max(0, (w.AskLow + w.AskHigh - w.BidLow - w.BidHigh) * 0.5 / pip);
    }
}
