namespace Releat.MarketData.Benchmarks;

/// <summary>
/// Runs a workload a few times and pauses, so tiered compilation has promoted the hot methods to optimised code
/// before anything is measured (a single long call would otherwise be timed partly in its first-tier code).
/// </summary>
internal static class Warmup
{
    public static void Run(Action workload)
    {
        for (int i = 0; i < 3; i++)
        {
            workload();
        }

        Thread.Sleep(300);
        workload();
    }
}
