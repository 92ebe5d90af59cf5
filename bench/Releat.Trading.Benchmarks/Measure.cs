using System.Diagnostics;

namespace Releat.Trading.Benchmarks;

/// <summary>
/// Times a repeated action: a two-second warm-up so tiered compilation has finished, then the best of five rounds
/// (a round on a shared machine can lose the core), with the managed bytes this thread allocated per call.
/// </summary>
internal static class Measure
{
    private const int Rounds = 5;

    public static (double SecondsPerCall, double BytesPerCall) Run(Action action, int calls)
    {
        long warmupStarted = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmupStarted).TotalSeconds < 2.0)
        {
            action();
        }

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        double best = double.MaxValue;
        int perRound = Math.Max(1, calls / Rounds);
        for (int round = 0; round < Rounds; round++)
        {
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < perRound; i++)
            {
                action();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds / perRound);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (best, (double)allocated / (perRound * Rounds));
    }
}
