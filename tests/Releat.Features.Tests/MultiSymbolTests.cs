using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.Features.Tests;

public sealed class MultiSymbolTests
{
    [Fact]
    public void A_second_symbol_feeds_its_own_bars_and_live_matches_batch()
    {
        string yaml = AgentYaml.Text("ticks", "", """
              - group: eu
                timeframe: 1m
                lags: 2
                features: [price_diff, tick_count]
              - group: gu
                symbol: GBPUSD
                timeframe: 1m
                lags: 2
                features: [price_diff, tick_count, mean]
            """, symbols: "EURUSD, GBPUSD");
        AgentConfig config = new AgentConfigLoader(TestAgents.Registry).Parse(yaml, "test.yaml");
        FeaturePlan plan = FeaturePlan.Compile(config, TestAgents.Registry);
        TimeRange range = config.RawData.DataRange;
        Tick[] eurusd = SyntheticTicks.Generate(31, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);
        Tick[] gbpusd = Generate(SymbolCatalog.Defaults["GBPUSD"], 1.30, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);

        var batch = new RawRowList();
        new BatchFeatureDriver(plan, new BatchOptions { ChunkLength = TimeSpan.FromHours(9), MaxParallelism = 2 })
            .Run([new ArrayTickSource("EURUSD", eurusd), new ArrayTickSource("GBPUSD", gbpusd)], range, batch);

        var live = new LiveFeatureDriver(plan);
        var liveRows = new List<float[]>();
        live.ObservationReady = (t, o) =>
        {
            if (range.Contains(t))
            {
                liveRows.Add(o.ToArray());
            }
        };
        foreach ((Tick tick, int symbol) in eurusd.Select(t => (t, 0)).Concat(gbpusd.Select(t => (t, 1))).OrderBy(x => x.Item1.TimeMs))
        {
            live.OnTick(symbol, tick);
        }

        Assert.Equal(batch.Rows.Count, liveRows.Count);
        Assert.All(Enumerable.Range(0, liveRows.Count), r => Assert.True(liveRows[r].AsSpan().SequenceEqual(batch.Rows[r]), $"row {r}"));
        int mean = plan.Layout.Names.ToList().IndexOf("gu.mean.lag0");
        Assert.InRange(batch.Rows[^1][mean], 1.0f, 1.6f);
        Assert.True(batch.Rows.Average(r => r[mean]) > 1.15, "GBPUSD bars must come from GBPUSD ticks");
    }

    private static Tick[] Generate(SymbolSpec symbol, double mid, long fromMs, long toMs)
    {
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 77, Symbol = symbol, InitialMid = mid, StartMs = fromMs });
        var ticks = new List<Tick>();
        for (Tick tick = generator.Next(); tick.TimeMs < toMs; tick = generator.Next())
        {
            ticks.Add(tick);
        }

        return [.. ticks];
    }
}
