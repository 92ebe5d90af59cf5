using System.Diagnostics;

namespace Releat.Learning.Benchmarks;

/// <summary>
/// Times a repeated action and reports seconds per call and managed bytes allocated per call. The warm-up lasts two
/// seconds so tiered compilation has replaced the first-tier code (slower when the JIT thread shares a busy machine);
/// the time is the best of five rounds, because on a shared machine a round can lose the core to other processes.
/// CoresUsed is the process's CPU time over the wall time of the rounds: what the machine actually gave it.
/// </summary>
internal static class Measure
{
    private const int Rounds = 5;

    public static (double SecondsPerCall, double BytesPerCall, double CoresUsed) Run(Action action, int calls, int warmup = 200)
    {
        long warmupStarted = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || Stopwatch.GetElapsedTime(warmupStarted).TotalSeconds < 2.0; i++)
        {
            action();
        }

        // CPU time first: Process.GetCurrentProcess allocates, and would be counted against the action.
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long timedFrom = Stopwatch.GetTimestamp();
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
        double coresUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / Stopwatch.GetElapsedTime(timedFrom).TotalSeconds;
        return (best, (double)allocated / (perRound * Rounds), coresUsed);
    }
}
