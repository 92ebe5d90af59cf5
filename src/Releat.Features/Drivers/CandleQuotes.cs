using Releat.Agents.Config;
using Releat.Features.Bars;
using Releat.MarketData.Model;

namespace Releat.Features.Drivers;

/// <summary>
/// Bid and ask from one-sided candles: the candle's side as quoted, the other side one spread away (the candle's
/// own spread when it has one, else the configured spread).
/// </summary>
internal sealed class CandleQuotes(CandleSourceConfig config, PriceScale scale)
{
    public long SpreadPoints(in Candle candle) =>
        candle.SpreadPoints > 0 ? candle.SpreadPoints : (long)Math.Round(config.SpreadPips * scale.PointsPerPip);

    public void Track(in Candle candle, ExecutionWindowTracker tracker)
    {
        double spread = SpreadPoints(candle) / scale.PointScale;
        double shift = config.Side == PriceSide.Ask ? -spread : spread;
        (double bidLow, double bidHigh, double askLow, double askHigh) = config.Side == PriceSide.Ask
            ? (candle.Low + shift, candle.High + shift, candle.Low, candle.High)
            : (candle.Low, candle.High, candle.Low + shift, candle.High + shift);
        (double closeBid, double closeAsk) = config.Side == PriceSide.Ask
            ? (candle.Close + shift, candle.Close)
            : (candle.Close, candle.Close + shift);
        tracker.Add(new ExecutionRange(bidLow, bidHigh, askLow, askHigh), closeBid, closeAsk);
    }
}
