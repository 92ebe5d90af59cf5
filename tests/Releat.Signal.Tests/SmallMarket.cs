using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Models;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Testing;
using Releat.Trading;

namespace Releat.Signal.Tests;

/// <summary>
/// Three hours of seeded synthetic EURUSD ticks (from the Sunday open, for warm-up) and s00001's dataset built from
/// them by the batch driver: what training and backtests see, for the live path to be compared with. Built once for
/// the test collection, deleted on dispose.
/// </summary>
public sealed class SmallMarket : IDisposable
{
    public const string AgentId = "s00001";

    public SmallMarket()
    {
        Config = LoadConfig();
        Plan = FeaturePlan.Compile(Config, Registry);
        Ticks = SyntheticTickSeries.Generate(7, UtcTime.FromParts(2020, 1, 5, 22, 0, 0, 0), Config.RawData.DataRange.EndMs + 60_000);
        Folder = Path.Combine(Path.GetTempPath(), "releat-signal-tests", Guid.NewGuid().ToString("N"));
        var store = new FileFeatureStore(Folder);
        new TrainDataBuilder(Registry, store, scratchDirectory: Folder).BuildAsync(Config, [new ArrayTickSource("EURUSD", Ticks)]).GetAwaiter().GetResult();
        Dataset = store.OpenDataset(AgentId);
        Tape = new DecisionTape(Dataset, PositionRules.For(Config));
    }

    public static FeatureRegistry Registry { get; } = new();

    /// <summary>The folder holding s00001/agent.yaml (the agents root for the service too).</summary>
    public static string AgentsRoot => Path.Combine(AppContext.BaseDirectory, "Agents");

    public static string ConfigPath => Path.Combine(AgentsRoot, AgentId, AgentLocator.FileName);

    public AgentConfig Config { get; }

    public FeaturePlan Plan { get; }

    public Tick[] Ticks { get; }

    public string Folder { get; }

    public IDataset Dataset { get; }

    public DecisionTape Tape { get; }

    public static AgentConfig LoadConfig() => new AgentConfigLoader(Registry).Load(ConfigPath);

    /// <summary>s00001's network with seeded (untrained) weights: every input moves its outputs.</summary>
    public TradingAgentNetwork<float> Network(ulong seed) => new(AgentModel.SpecFor(Config, Dataset.Metadata), 1, seed);

    public Signal.Core.Policy.AgentPolicy Policy(ulong seed, string checkpointId = "test/a") =>
        new(checkpointId, Config, Dataset.Metadata, Network(seed), Folder);

    /// <summary>The dataset row of a decision time, or −1.</summary>
    public int RowOf(long decisionTimeMs)
    {
        int lo = 0;
        int hi = Dataset.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long time = Dataset.TimeMs(mid);
            if (time == decisionTimeMs)
            {
                return mid;
            }

            (lo, hi) = time < decisionTimeMs ? (mid + 1, hi) : (lo, mid - 1);
        }

        return -1;
    }

    public void Dispose()
    {
        Dataset.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A mapped file may still be closing; the temp folder is cleaned by the OS eventually.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SmallMarketGroup : ICollectionFixture<SmallMarket>
{
    public const string Name = "small market";
}
