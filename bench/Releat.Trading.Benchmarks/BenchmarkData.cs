using Releat.Agents;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.MarketData;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.Trading.Benchmarks;

/// <summary>The reference agent t00001 moved onto a few days of seeded synthetic ticks, and its dataset built in memory.</summary>
internal static class BenchmarkData
{
    public static FeatureRegistry Registry { get; } = new();

    public static (AgentConfig Config, IDataset Dataset) T00001(int days, string home)
    {
        string path = FindAgent("t00001");
        AgentConfig config = new AgentConfigLoader(Registry).Load(path);
        long start = UtcTime.FromDate(new DateOnly(2024, 1, 8));
        long end = start + (days * UtcTime.MsPerDay);
        long trainEnd = start + ((days - 2) * UtcTime.MsPerDay);
        config = config with
        {
            RawData = config.RawData with
            {
                DataRange = new TimeRange(start, end),
                Split = new DataSplit(new TimeRange(start, trainEnd), new TimeRange(trainEnd, trainEnd + UtcTime.MsPerDay), new TimeRange(trainEnd + UtcTime.MsPerDay, end)),
            },
        };

        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 7, StartMs = start - UtcTime.MsPerDay, MomentumStrength = 0.03 });
        var ticks = new List<Tick>();
        for (Tick tick = generator.Next(); tick.TimeMs < end; tick = generator.Next())
        {
            ticks.Add(tick);
        }

        var store = new FileFeatureStore(home);
        new TrainDataBuilder(Registry, store, scratchDirectory: home)
            .BuildAsync(config, [new ArrayTickSource("EURUSD", [.. ticks])]).GetAwaiter().GetResult();
        return (config, store.OpenDataset(config.Id));
    }

    private static string FindAgent(string id)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "agents", id, "agent.yaml");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"agents/{id}/agent.yaml not found above {AppContext.BaseDirectory}");
    }
}
