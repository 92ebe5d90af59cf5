using System.Diagnostics;
using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.MarketData.Model;

namespace Releat.Features.Benchmarks;

/// <summary>
/// The peer comparison: the same kind and number of ticks through bars_pandas.py and through our batch driver
/// computing the same rolling 30 s statistics on a 10 s grid, in one run. Our figure counts the input ticks once
/// (chunk warm-ups re-read a little more).
/// </summary>
internal static class BarsVersusPandas
{
    private const int Repetitions = 5;

    public static void Run(int tickCount)
    {
        Console.WriteLine($"== rolling 30 s bars on a 10 s grid, {tickCount:N0} ticks (peer: ../shared/peers/bars_pandas.py)");
        double? pandas = PandasPeer.TicksPerSecond(tickCount, out string pandasReport);
        Console.WriteLine($"pandas: {pandasReport}");

        Tick[] ticks = PeerTicks.Generate(tickCount, BenchAgents.Monday2020, seed: 0);
        var range = new TimeRange(ticks[0].TimeMs, ticks[^1].TimeMs + 1);
        FeaturePlan plan = FeaturePlan.Compile(BenchAgents.PeerBars(range), BenchAgents.Registry);
        var source = new ArrayTickSource("EURUSD", ticks);

        // A first untimed pass lets the JIT reach its optimised tier; then the median of five timed passes, which
        // keeps a load spike from another process (this machine is shared) out of the figure.
        Measure(plan, source, range, 1, TimeSpan.FromDays(365));
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            var runs = new List<(double Seconds, long Rows)>();
            for (int run = 0; run < Repetitions; run++)
            {
                runs.Add(Measure(plan, source, range, threads, threads == 1 ? TimeSpan.FromDays(365) : TimeSpan.FromDays(2)));
            }

            (double seconds, long rows) = runs.OrderBy(r => r.Seconds).ElementAt(Repetitions / 2);
            double perSecond = tickCount / seconds;
            string ratio = pandas is { } p ? $", {perSecond / p:F1}× pandas" : "";
            Console.WriteLine(
                $"releat batch, {threads} thread(s): median {seconds:F3} s of {Repetitions} (best {runs.Min(r => r.Seconds):F3} s), " +
                $"{rows:N0} rows, {perSecond / 1e6:F2} M ticks/s{ratio}");
        }
    }

    private static (double Seconds, long Rows) Measure(FeaturePlan plan, ITickSource source, TimeRange range, int threads, TimeSpan chunk)
    {
        var sink = new CountingSink();
        var driver = new BatchFeatureDriver(plan, new BatchOptions { MaxParallelism = threads, ChunkLength = chunk });
        var clock = Stopwatch.StartNew();
        driver.Run([source], range, sink);
        return (clock.Elapsed.TotalSeconds, sink.Rows);
    }
}
