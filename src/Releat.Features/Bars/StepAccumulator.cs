namespace Releat.Features.Bars;

/// <summary>
/// Collects one symbol's ticks into the current decision step. This is the per-tick hot path shared by the batch
/// and live drivers: a handful of integer operations, no allocation, no floating point.
/// </summary>
internal sealed class StepAccumulator(PriceScale scale, bool thirdMoment)
{
    private StepSummary _current;

    public PriceScale Scale { get; } = scale;

    /// <summary>Whether any tick (or candle) was ever seen; until then there is no price to fill forward.</summary>
    public bool HasPrice { get; private set; }

    /// <summary>The latest mid price in half-points and spread in points, carried across steps for fill-forward.</summary>
    public long LastX { get; private set; }

    public long LastSpread { get; private set; }

    public ref readonly StepSummary Current => ref _current;

    public void AddTick(in MarketData.Model.Tick tick, long stepStartMs)
    {
        long bid = Scale.ToPoints(tick.Bid);
        long ask = Scale.ToPoints(tick.Ask);
        long x = bid + ask;
        long move = HasPrice ? x - LastX : 0;
        Add(x, ask - bid, tick.TimeMs - stepStartMs, move, tick.Flags, x, x, x);
    }

    /// <summary>
    /// A candle counts as one observation at its close with its own high and low (prices doubled into
    /// half-points so candle and tick bars share one unit); only the candle features read such bars.
    /// </summary>
    public void AddCandle(in MarketData.Model.Candle candle, long stepStartMs, long spreadPoints)
    {
        long close = 2 * Scale.ToPoints(candle.Close);
        long move = HasPrice ? close - LastX : 0;
        Add(close, spreadPoints, candle.TimeMs - stepStartMs, move, MarketData.Model.TickFlags.None,
            2 * Scale.ToPoints(candle.Open), 2 * Scale.ToPoints(candle.Low), 2 * Scale.ToPoints(candle.High));
    }

    /// <summary>Hands over the finished step and starts an empty one.</summary>
    public void CloseStep(out StepSummary finished)
    {
        finished = _current;
        _current = default;
    }

    private void Add(long x, long spread, long t, long move, MarketData.Model.TickFlags flags, long open, long low, long high)
    {
        if (_current.Sums.Count == 0)
        {
            _current.Open = open;
            _current.Low = low;
            _current.High = high;
        }
        else
        {
            _current.Low = Math.Min(_current.Low, low);
            _current.High = Math.Max(_current.High, high);
        }

        _current.Close = x;
        _current.Sums.AddTick(x, spread, t, move, flags, thirdMoment);
        LastX = x;
        LastSpread = spread;
        HasPrice = true;
    }
}
