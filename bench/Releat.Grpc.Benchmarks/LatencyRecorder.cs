using System.Diagnostics;

namespace Releat.Grpc.Benchmarks;

/// <summary>Per-caller latency samples in Stopwatch ticks, preallocated so recording allocates nothing.</summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];

    public int Count { get; private set; }

    public void Record(long ticks)
    {
        if (Count < _ticks.Length)
        {
            _ticks[Count++] = ticks;
        }
    }

    public static (double P50Micros, double P99Micros) Percentiles(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r._ticks.Take(r.Count)).ToArray();
        if (all.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        Array.Sort(all);
        return (Micros(all[(int)(all.Length * 0.50)]), Micros(all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]));
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
