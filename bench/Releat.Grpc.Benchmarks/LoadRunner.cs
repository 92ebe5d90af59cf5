using System.Diagnostics;

namespace Releat.Grpc.Benchmarks;

/// <summary>
/// Runs an operation from N concurrent callers for a fixed time and measures throughput, latency and the
/// process-wide bytes allocated per operation (client and server share the process, so both sides count).
/// </summary>
internal static class LoadRunner
{
    public static async Task<Measurement> RunAsync(string name, int callers, TimeSpan warmup, TimeSpan duration, Func<Task<int>> operation)
    {
        await RunCallersAsync(callers, warmup, operation, null);

        var recorders = Enumerable.Range(0, callers).Select(_ => new LatencyRecorder(4_000_000 / callers)).ToArray();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var operations = await RunCallersAsync(callers, duration, operation, recorders);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        var (p50, p99) = LatencyRecorder.Percentiles(recorders);
        var perOperation = 1.0 / Math.Max(1, operations);
        return new Measurement(name, operations, seconds, p50, p99, cpu.TotalMicroseconds * perOperation, allocated * perOperation);
    }

    /// <summary>One caller, one operation every <paramref name="gap"/>: latency when the threads have gone idle in between.</summary>
    public static async Task<Measurement> RunSpacedAsync(string name, int calls, TimeSpan gap, Func<Task<int>> operation)
    {
        await operation();
        var recorder = new LatencyRecorder(calls);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            await Task.Delay(gap);
            var start = Stopwatch.GetTimestamp();
            await operation();
            recorder.Record(Stopwatch.GetTimestamp() - start);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var (p50, p99) = LatencyRecorder.Percentiles([recorder]);
        return new Measurement(name, calls, seconds, p50, p99, cpu.TotalMicroseconds / calls, (double)allocated / calls);
    }

    private static async Task<long> RunCallersAsync(int callers, TimeSpan duration, Func<Task<int>> operation, LatencyRecorder[]? recorders)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            long done = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                done += await operation();
                recorders?[caller].Record(Stopwatch.GetTimestamp() - start);
            }

            return done;
        }));
        return counts.Sum();
    }
}
