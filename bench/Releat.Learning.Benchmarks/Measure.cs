using System.Diagnostics;

namespace Releat.Learning.Benchmarks;

/// <summary>Times a repeated action after a warm-up and reports seconds per call and managed bytes allocated per call.</summary>
internal static class Measure
{
    public static (double SecondsPerCall, double BytesPerCall) Run(Action action, int calls, int warmup = 200)
    {
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            action();
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (seconds / calls, (double)allocated / calls);
    }
}
