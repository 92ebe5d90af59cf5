namespace Releat.Features.Leakage;

/// <summary>
/// The seeded, order-free noise the leakage check applies to market data after a decision: each tick or candle gets
/// factors drawn from a hash of the seed and its own time and position, so the same data perturbs the same way
/// however the driver reads it (chunks, warm-ups, look-ups of the last tick).
/// </summary>
internal static class Perturbation
{
    /// <summary>A uniform value in [-1, 1) for one item and one use of it.</summary>
    public static double Uniform(ulong seed, long timeMs, double price, int use)
    {
        ulong x = seed ^ ((ulong)timeMs * 0x9E3779B97F4A7C15UL) ^ ((ulong)BitConverter.DoubleToInt64Bits(price) * 0xBF58476D1CE4E5B9UL) ^ ((ulong)use << 56);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return ((x >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
    }

    public static MarketData.Model.Tick Apply(in MarketData.Model.Tick tick, ulong seed)
    {
        // Up to ±1% on the price level (about a hundred pips on EURUSD) and a spread from half to one and a half.
        double level = 1 + (0.01 * Uniform(seed, tick.TimeMs, tick.Bid, 0));
        double spread = Math.Max(0, tick.Ask - tick.Bid) * (1 + (0.5 * Uniform(seed, tick.TimeMs, tick.Bid, 1)));
        double bid = tick.Bid * level;
        return tick with
        {
            Bid = bid,
            Ask = bid + spread,
            Last = tick.Last * level,
            Volume = tick.Volume * (1 + (0.5 * Uniform(seed, tick.TimeMs, tick.Bid, 2))),
        };
    }

    public static MarketData.Model.Candle Apply(in MarketData.Model.Candle candle, ulong seed)
    {
        double level = 1 + (0.01 * Uniform(seed, candle.TimeMs, candle.Open, 0));
        double open = candle.Open * level, close = candle.Close * (1 + (0.01 * Uniform(seed, candle.TimeMs, candle.Close, 1)));
        double wick = (candle.High - candle.Low) * (0.5 + Math.Abs(Uniform(seed, candle.TimeMs, candle.High, 2)));
        return candle with
        {
            Open = open,
            Close = close,
            High = Math.Max(open, close) + wick,
            Low = Math.Min(open, close) - wick,
            TickVolume = candle.TickVolume + 1,
            Volume = candle.Volume * 1.5,
        };
    }
}
