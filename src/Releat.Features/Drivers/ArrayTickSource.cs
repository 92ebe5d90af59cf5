using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.Features.Drivers;

/// <summary>Ticks held in memory (tests, benchmarks, small imports); they must be in time order.</summary>
public sealed class ArrayTickSource : ITickSource
{
    private readonly Tick[] _ticks;

    public ArrayTickSource(string symbol, Tick[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        for (int i = 1; i < ticks.Length; i++)
        {
            if (ticks[i].TimeMs < ticks[i - 1].TimeMs)
            {
                throw new ArgumentException($"{symbol} ticks are out of order at index {i} ({UtcTime.Format(ticks[i].TimeMs)})", nameof(ticks));
            }
        }

        Symbol = symbol;
        _ticks = ticks;
    }

    public string Symbol { get; }

    public ITickReader Open(long fromMs, long toMs)
    {
        int from = LowerBound(fromMs);
        int to = Math.Max(from, LowerBound(toMs));
        return new SpanReader(_ticks, from, to);
    }

    public bool TryGetLastBefore(long timeMs, out Tick tick)
    {
        int index = LowerBound(timeMs) - 1;
        tick = index >= 0 ? _ticks[index] : default;
        return index >= 0;
    }

    public long Count(long fromMs, long toMs) => Math.Max(0, LowerBound(toMs) - LowerBound(fromMs));

    /// <summary>The first index with time ≥ <paramref name="timeMs"/>.</summary>
    private int LowerBound(long timeMs)
    {
        int lo = 0;
        int hi = _ticks.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ticks[mid].TimeMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed class SpanReader(Tick[] ticks, int from, int to) : ITickReader
    {
        private int _next = from;

        public int Read(Span<Tick> destination)
        {
            int n = Math.Min(destination.Length, to - _next);
            ticks.AsSpan(_next, n).CopyTo(destination);
            _next += n;
            return n;
        }

        public void Dispose()
        {
        }
    }
}
