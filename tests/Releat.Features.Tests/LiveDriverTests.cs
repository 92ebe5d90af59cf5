using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Bars;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Testing;

namespace Releat.Features.Tests;

public sealed class LiveDriverTests
{
    [Fact]
    public void A_live_tick_allocates_nothing()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(3);
        Tick[] ticks = SyntheticTicks.Generate(21, SyntheticTicks.Start, SyntheticTicks.Start + (3 * UtcTime.MsPerDay));
        var live = new LiveFeatureDriver(FeaturePlan.Compile(config, TestAgents.Registry));
        long emitted = 0;
        live.ObservationReady = (_, _) => emitted++;
        int half = ticks.Length / 2;
        for (int i = 0; i < half; i++)
        {
            live.OnTick(ticks[i]);
        }

        int next = half;
        int window = (ticks.Length - half) / 20;
        long allocated = SteadyAllocation.BytesPerWindow(
            () =>
            {
                for (int end = next + window; next < end; next++)
                {
                    live.OnTick(ticks[next]);
                }
            },
            maxWindows: 20);
        for (; next < ticks.Length; next++)
        {
            live.OnTick(ticks[next]);
        }

        Assert.True(emitted > 10_000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_clock_closes_decisions_in_a_quiet_market_and_late_ticks_are_dropped()
    {
        AgentConfig config = AgentYaml.Load("  - group: s10\n    timeframe: 10s\n    lags: 1\n    features: [tick_count, last]");
        var live = new LiveFeatureDriver(FeaturePlan.Compile(config, TestAgents.Registry));
        long t0 = SyntheticTicks.Start + 3000;
        Assert.Equal(0, live.OnTick(new Tick(t0 + 100, 1.1000, 1.1001)));
        Assert.Equal(0, live.AdvanceClock(t0 + 9_999));
        Assert.Equal(0, live.AdvanceClock(t0 + 10_000)); // the step of the first tick is warm-up
        Assert.False(live.HasObservation);
        Assert.Equal(1, live.AdvanceClock(t0 + 20_000));
        Assert.Equal(t0 + 20_000, live.LatestDecisionTimeMs);
        Assert.Equal(0f, live.LatestObservation[0]);

        // A tick stamped before the decision the clock already closed is late: dropped and counted.
        live.OnTick(new Tick(t0 + 19_990, 1.2000, 1.2001));
        Assert.Equal(1, live.LateTicks);
        live.OnTick(new Tick(t0 + 20_500, 1.1002, 1.1003));
        Assert.Equal(1, live.AdvanceClock(t0 + 30_000));
        Assert.Equal(new[] { 1f, (float)1.10025 }, live.LatestObservation.ToArray());
    }

    [Fact]
    public void A_registered_user_feature_can_be_named_in_a_config()
    {
        var registry = new FeatureRegistry();
        registry.Register(new FunctionBarFeature("range_over_spread", "high minus low over the mean spread", worksOnCandles: false,
            static (in BarStatistics bar, in BarStatistics latest, PriceScale scale) =>
                bar.MeanSpreadPips > 0 ? scale.PriceToPips(bar.High - bar.Low) / bar.MeanSpreadPips : 0));
        string yaml = AgentYaml.Text("ticks", "", "  - group: s10\n    timeframe: 10s\n    lags: 1\n    features: [range_over_spread]");
        AgentConfig config = new AgentConfigLoader(registry).Parse(yaml, "test.yaml");
        var live = new LiveFeatureDriver(FeaturePlan.Compile(config, registry));
        long t0 = SyntheticTicks.Start + 3000;
        live.OnTick(new Tick(t0 + 1000, 1.10000, 1.10020)); // the first step only warms the engine up
        live.OnTick(new Tick(t0 + 11_000, 1.10000, 1.10020));
        live.OnTick(new Tick(t0 + 12_000, 1.10040, 1.10060));
        Assert.Equal(1, live.AdvanceClock(t0 + 20_000));

        // Mids 1.10010 and 1.10050: a 4-pip range over a 2-pip spread.
        Assert.Equal(2f, live.LatestObservation[0], 4);
        Assert.Throws<AgentConfigException>(() => new AgentConfigLoader(new FeatureRegistry()).Parse(yaml, "test.yaml"));
        Assert.Throws<ArgumentException>(() => registry.Register(BuiltInBarFeatures.All[0]));
    }
}
