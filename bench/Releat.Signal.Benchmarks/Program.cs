using System.Globalization;
using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Signal.Benchmarks;
using Releat.Signal.Core.Policy;
using Releat.Trading;
using Releat.Trading.Benchmarks;

// t00001 on four days of synthetic ticks, an untrained network of its size (the cost does not depend on the weights).
// Usage: Releat.Signal.Benchmarks
Console.WriteLine($"Releat.Signal benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
string home = Path.Combine(Path.GetTempPath(), "releat-signal-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
try
{
    var (config, dataset) = BenchmarkData.T00001(days: 4, home);
    using (dataset)
    {
        FeaturePlan plan = FeaturePlan.Compile(config, BenchmarkData.Registry);
        AgentPolicy policy = new("bench/untrained", config, dataset.Metadata, new(AgentModel.SpecFor(config, dataset.Metadata), 1, seed: 1), home);
        Tick[] ticks = TicksOf(config, dataset);
        SignalPathBenchmark.TicksWithoutDecisions(plan, policy, ticks);
        SignalPathBenchmark.PolicyDecisions(policy, dataset);
        await SignalPathBenchmark.TickToSignalAsync(plan, policy, ticks);
    }
}
finally
{
    Directory.Delete(home, recursive: true);
}

// The dataset's own ticks again: the generator BenchmarkData used, over the dataset's span and the day before.
static Tick[] TicksOf(AgentConfig config, IDataset dataset)
{
    var generator = new Releat.MarketData.Synthetic.SyntheticTickGenerator(new() { Seed = 7, StartMs = config.RawData.DataRange.StartMs - UtcTime.MsPerDay, MomentumStrength = 0.03 });
    long end = dataset.TimeMs(dataset.Count - 1) + 10_000;
    var ticks = new List<Tick>();
    for (Tick tick = generator.Next(); tick.TimeMs < end; tick = generator.Next())
    {
        ticks.Add(tick);
    }

    return [.. ticks];
}
