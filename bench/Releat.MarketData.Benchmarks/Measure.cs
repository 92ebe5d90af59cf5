using System.Diagnostics;

namespace Releat.MarketData.Benchmarks;

/// <summary>Wall time and bytes allocated on this thread while an action runs.</summary>
internal static class Measure
{
    public static (TimeSpan Elapsed, long AllocatedBytes) Run(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        action();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        return (elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
