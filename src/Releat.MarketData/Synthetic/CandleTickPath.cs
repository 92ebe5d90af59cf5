using Releat.MarketData.Model;

namespace Releat.MarketData.Synthetic;

/// <summary>
/// Turns a candle into four ticks when only candles exist: open at the opening time, then the extreme the price
/// more plausibly visited first (the low for a rising candle, the high for a falling one, as MT5's tester does
/// for "1 minute OHLC"), then the other extreme, then the close one millisecond before the candle ends. The
/// extremes sit at one and two thirds of the period. The candle's side says which price it quoted; the other
/// side is that price plus or minus the spread (the candle's own spread, or a default when it has none).
/// </summary>
public static class CandleTickPath
{
    public const int TicksPerCandle = 4;

    public static void Expand(
        in Candle candle,
        Timeframe timeframe,
        PriceSide side,
        SymbolSpec symbol,
        double defaultSpreadPoints,
        Span<Tick> destination)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (destination.Length < TicksPerCandle)
        {
            throw new ArgumentException($"needs room for {TicksPerCandle} ticks", nameof(destination));
        }

        long period = timeframe.Milliseconds();
        bool rising = candle.Close >= candle.Open;
        double first = rising ? candle.Low : candle.High;
        double second = rising ? candle.High : candle.Low;
        double spread = symbol.PointsToPrice(candle.SpreadPoints > 0 ? candle.SpreadPoints : defaultSpreadPoints);

        destination[0] = Quote(candle.TimeMs, candle.Open, side, spread, symbol);
        destination[1] = Quote(candle.TimeMs + (period / 3), first, side, spread, symbol);
        destination[2] = Quote(candle.TimeMs + (2 * period / 3), second, side, spread, symbol);
        destination[3] = Quote(candle.TimeMs + period - 1, candle.Close, side, spread, symbol);
    }

    private static Tick Quote(long timeMs, double price, PriceSide side, double spread, SymbolSpec symbol)
    {
        double bid = side == PriceSide.Bid ? price : symbol.RoundToPoint(price - spread);
        double ask = side == PriceSide.Ask ? price : symbol.RoundToPoint(price + spread);
        return new Tick(timeMs, bid, ask);
    }
}
