using System.Diagnostics;

namespace Releat.Mt5Gateway.Streaming;

/// <summary>
/// When the most recent live ticks reached the gateway (Stopwatch timestamps), so an order naming its decision's
/// tick (correlation id "&lt;symbol&gt;@&lt;tick ms&gt;") can be timed from tick to order on one clock. A fixed ring:
/// recording allocates nothing; an order whose tick has been overwritten (more than <see cref="Capacity"/> ticks
/// ago, minutes at live rates) is simply not timed.
/// </summary>
public sealed class TickArrivals
{
    public const int Capacity = 8192;

    private readonly Lock _gate = new();
    private readonly string?[] _symbols = new string?[Capacity];
    private readonly long[] _times = new long[Capacity];
    private readonly long[] _arrivals = new long[Capacity];
    private long _next;

    public void Record(string symbol, long tickTimeMs, long arrivalTimestamp)
    {
        lock (_gate)
        {
            int slot = (int)(_next++ % Capacity);
            _symbols[slot] = symbol;
            _times[slot] = tickTimeMs;
            _arrivals[slot] = arrivalTimestamp;
        }
    }

    /// <summary>Time since the tick a correlation id names arrived; false when the id is malformed or the tick unknown.</summary>
    public bool TryElapsedSince(string correlationId, long nowTimestamp, out TimeSpan elapsed)
    {
        elapsed = default;
        int at = correlationId.LastIndexOf('@');
        if (at <= 0 || !long.TryParse(correlationId.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long timeMs))
        {
            return false;
        }

        var symbol = correlationId.AsSpan(0, at);
        lock (_gate)
        {
            // Newest first: a repeated tick time (several ticks in one millisecond) resolves to the last of them,
            // the one that closed the decision.
            for (long i = _next - 1; i >= Math.Max(0, _next - Capacity); i--)
            {
                int slot = (int)(i % Capacity);
                if (_times[slot] == timeMs && symbol.SequenceEqual(_symbols[slot]))
                {
                    elapsed = Stopwatch.GetElapsedTime(_arrivals[slot], nowTimestamp);
                    return true;
                }
            }
        }

        return false;
    }
}
