using System.Diagnostics;

namespace Releat.Security.Tests.Fuzz;

/// <summary>What one fuzz case did: the exception it ended in (null for a normal return), its time and allocations.</summary>
internal readonly record struct CaseOutcome(Exception? Error, TimeSpan Elapsed, long AllocatedBytes);

/// <summary>
/// Runs one fuzz case on a worker thread and waits at most a fixed time, so a reader that hangs or spins fails the
/// test instead of stalling the run; the bytes the case allocated are counted on its own thread, so the figure is
/// not disturbed by tests running beside it.
/// </summary>
internal static class BoundedCase
{
    public static CaseOutcome Run(Action body, TimeSpan limit, string describe)
    {
        var run = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            Exception? error = null;
            try
            {
                body();
            }
#pragma warning disable CA1031 // Every exception is the outcome under test; the caller judges its type.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }

            return new CaseOutcome(error, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
        });

        // A spinning case keeps its thread; the test fails here and names the input.
        Assert.True(run.Wait(limit), $"{describe}: still running after {limit.TotalSeconds:0} s");
        return run.Result;
    }
}
