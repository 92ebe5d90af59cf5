using Releat.MarketData.Model;

namespace Releat.Trader.Core.Market;

/// <summary>
/// The trader's view of the market: its clock, which is the time of the latest tick seen (the simulated market runs
/// on its own clock, so the machine's clock says nothing about how old a signal is), and per symbol the last quote
/// and recent volatility. Ticks come from the gateway's feed on one thread while the trader reads on another.
/// A tick of a known symbol allocates nothing.
/// </summary>
public sealed class MarketWatch(int volatilityHalfLifeMinutes = 60)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SymbolQuote> _symbols = new(StringComparer.Ordinal);
    private long _nowMs = long.MinValue;

    /// <summary>Market time, or null before the first tick.</summary>
    public long? NowMs
    {
        get
        {
            lock (_gate)
            {
                return _nowMs == long.MinValue ? null : _nowMs;
            }
        }
    }

    public void OnTick(string symbol, in Tick tick)
    {
        lock (_gate)
        {
            if (!_symbols.TryGetValue(symbol, out var quote))
            {
                quote = new SymbolQuote(new VolatilityEstimate(volatilityHalfLifeMinutes));
                _symbols.Add(symbol, quote);
            }

            quote.Last = tick;
            quote.Volatility.OnPrice(tick.TimeMs, tick.Mid);
            _nowMs = Math.Max(_nowMs, tick.TimeMs);
        }
    }

    /// <summary>Moves the clock without a quote (a feed's heartbeat); it never goes back.</summary>
    public void Advance(long timeMs)
    {
        lock (_gate)
        {
            _nowMs = Math.Max(_nowMs, timeMs);
        }
    }

    /// <summary>σ of one-minute log returns of the symbol's mid, NaN while unknown.</summary>
    public double VolatilityPerMinute(string symbol)
    {
        lock (_gate)
        {
            return _symbols.TryGetValue(symbol, out var quote) ? quote.Volatility.PerMinute : double.NaN;
        }
    }

    public bool TryGetLast(string symbol, out Tick tick)
    {
        lock (_gate)
        {
            if (_symbols.TryGetValue(symbol, out var quote))
            {
                tick = quote.Last;
                return true;
            }
        }

        tick = default;
        return false;
    }

    private sealed class SymbolQuote(VolatilityEstimate volatility)
    {
        public VolatilityEstimate Volatility { get; } = volatility;

        public Tick Last { get; set; }
    }
}
