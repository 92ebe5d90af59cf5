using System.Diagnostics;
using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.Features.Benchmarks;

/// <summary>A whole t00001 dataset build (features, transform fitting, writing) over a month of synthetic ticks.</summary>
internal static class DatasetBuildTime
{
    public static void Run(int days)
    {
        Console.WriteLine($"== TrainDataBuilder, t00001, {days} days of synthetic EURUSD ticks");
        long start = BenchAgents.Monday2020;
        long end = start + (days * UtcTime.MsPerDay);
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 7, StartMs = start - UtcTime.MsPerDay });
        var ticks = new List<Tick>();
        for (Tick tick = generator.Next(); tick.TimeMs < end + UtcTime.MsPerHour; tick = generator.Next())
        {
            ticks.Add(tick);
        }

        var range = new TimeRange(start, end);
        AgentConfig config = BenchAgents.T00001Over(range, new TimeRange(start, start + (days * 6 / 10 * UtcTime.MsPerDay)));
        string folder = Path.Combine(Path.GetTempPath(), "releat-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = new TrainDataBuilder(BenchAgents.Registry, new FileFeatureStore(folder), scratchDirectory: folder);
            var stages = new Dictionary<BuildStage, TimeSpan>();
            var clock = Stopwatch.StartNew();
            BuildStage? current = null;
            var progress = new InlineProgress(p =>
            {
                if (p.Stage != current)
                {
                    stages[p.Stage] = clock.Elapsed;
                    current = p.Stage;
                }
            });
            DatasetBuildResult result = builder.BuildAsync(config, [new ArrayTickSource("EURUSD", [.. ticks])], progress).GetAwaiter().GetResult();
            clock.Stop();
            TimeSpan fit = stages[BuildStage.WritingDataset] - stages[BuildStage.FittingTransforms];
            Console.WriteLine(
                $"{ticks.Count:N0} ticks → {result.Metadata.Rows:N0} rows × {result.Metadata.Width} columns in {clock.Elapsed.TotalSeconds:F2} s " +
                $"(features {(stages[BuildStage.FittingTransforms] - stages[BuildStage.ComputingFeatures]).TotalSeconds:F2} s, " +
                $"fitting {fit.TotalSeconds:F2} s, writing {(stages[BuildStage.Done] - stages[BuildStage.WritingDataset]).TotalSeconds:F2} s)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class InlineProgress(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}
