using System.Diagnostics;
using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.Features.Transforms;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.Features.Benchmarks;

/// <summary>
/// The live driver's cost per tick for t00001 (every rolling statistic updated, observations emitted and
/// transformed at each decision time, amortised), and the bytes it allocates, from
/// GC.GetAllocatedBytesForCurrentThread before and after the timed loop.
/// </summary>
internal static class LiveTickCost
{
    public static void Run(int tickCount)
    {
        Console.WriteLine($"== live driver, t00001, {tickCount:N0} synthetic EURUSD ticks");
        Tick[] ticks = Generate(tickCount);
        AgentConfig config = BenchAgents.T00001Over(new TimeRange(ticks[0].TimeMs, ticks[^1].TimeMs), new TimeRange(ticks[0].TimeMs, ticks[^1].TimeMs));
        FeaturePlan plan = FeaturePlan.Compile(config, BenchAgents.Registry);
        ObservationTransform transform = FittedTransform(config, ticks);

        // One pass to let the JIT reach its optimised tier, then fresh drivers for the measured passes (median of 3).
        Replay(new LiveFeatureDriver(plan, transform), ticks);
        var runs = new List<(double Nanoseconds, long Allocated, long Emitted)>();
        for (int run = 0; run < 3; run++)
        {
            var driver = new LiveFeatureDriver(plan, transform);
            long emitted = 0;
            driver.ObservationReady = (_, _) => emitted++;
            var clock = new Stopwatch();
            long before = GC.GetAllocatedBytesForCurrentThread();
            clock.Start();
            Replay(driver, ticks);
            clock.Stop();
            runs.Add((clock.Elapsed.TotalNanoseconds / ticks.Length, GC.GetAllocatedBytesForCurrentThread() - before, emitted));
        }

        (double ns, long allocated, long observations) = runs.OrderBy(r => r.Nanoseconds).ElementAt(1);
        Console.WriteLine(
            $"per tick: median {ns:F1} ns of 3 (best {runs.Min(r => r.Nanoseconds):F1} ns; {1e3 / ns:F2} M ticks/s), " +
            $"{observations:N0} observations emitted and transformed, {allocated} bytes allocated while replaying " +
            $"({(double)allocated / ticks.Length:F3} per tick)");
    }

    private static void Replay(LiveFeatureDriver driver, Tick[] ticks)
    {
        for (int i = 0; i < ticks.Length; i++)
        {
            driver.OnTick(ticks[i]);
        }
    }

    private static Tick[] Generate(int count)
    {
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 42, StartMs = BenchAgents.Monday2020 });
        var ticks = new Tick[count];
        generator.Fill(ticks);
        return ticks;
    }

    /// <summary>Real fitted transforms (from a dataset built on the first days) so Apply does its full work.</summary>
    private static ObservationTransform FittedTransform(AgentConfig config, Tick[] ticks)
    {
        long start = ticks[0].TimeMs + UtcTime.MsPerHour;
        var range = new TimeRange(start, start + (3 * UtcTime.MsPerDay));
        AgentConfig small = BenchAgents.T00001Over(range, new TimeRange(range.StartMs, range.StartMs + (2 * UtcTime.MsPerDay)));
        string folder = Path.Combine(Path.GetTempPath(), "releat-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new FileFeatureStore(folder);
            DatasetBuildResult result = new TrainDataBuilder(BenchAgents.Registry, store, scratchDirectory: folder)
                .BuildAsync(small, [new ArrayTickSource("EURUSD", ticks)]).GetAwaiter().GetResult();
            return new ObservationTransform(result.Metadata.Transforms);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
