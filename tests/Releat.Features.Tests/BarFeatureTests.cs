using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.Features.Tests;

public sealed class BarFeatureTests
{
    private const double Pip = 0.0001;

    private static readonly string[] TickFeatures =
    [
        "price_diff", "close_diff", "high_diff", "low_diff", "mean", "min", "max", "last", "mean_minus_min",
        "max_minus_mean", "buy_ratio", "sell_ratio", "bid_ratio", "ask_ratio", "mean_spread", "tick_count",
        "slope_angle", "std_dev", "skew", "volatility", "candle_return", "candle_range", "body_ratio",
        "upper_wick_ratio", "lower_wick_ratio",
    ];

    [Fact]
    public void Every_tick_feature_matches_a_direct_computation_from_the_ticks_of_its_bar()
    {
        AgentConfig config = AgentYaml.Load($"""
              - group: m1
                timeframe: 1m
                lags: 3
                features: [{string.Join(", ", TickFeatures)}]
            """);
        FeaturePlan plan = FeaturePlan.Compile(config, TestAgents.Registry);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(11, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);
        var rows = new RawRowList();
        new BatchFeatureDriver(plan).Run([new ArrayTickSource("EURUSD", ticks)], range, rows);

        var random = new Random(3);
        for (int sample = 0; sample < 400; sample++)
        {
            int row = random.Next(rows.Times.Count);
            long t = rows.Times[row];
            var latest = new ReferenceBar(ticks, t - 60_000, t, 60_000);
            for (int lag = 0; lag < 3; lag++)
            {
                var bar = new ReferenceBar(ticks, t - ((lag + 1) * 60_000), t - (lag * 60_000), 60_000);
                foreach (string feature in TickFeatures)
                {
                    int column = plan.Layout.Names.ToList().IndexOf($"m1.{feature}.lag{lag}");
                    double expected = Expected(feature, bar, latest);
                    double actual = rows.Rows[row][column];
                    double tolerance = 2e-5 + (Math.Abs(expected) * 2e-6);
                    Assert.True(Math.Abs(actual - expected) <= tolerance,
                        $"{feature} lag {lag} at {UtcTime.Format(t)}: engine {actual}, reference {expected} ({bar.Count} ticks)");
                }
            }
        }
    }

    [Fact]
    public void An_empty_bar_is_flat_at_the_last_price_or_zero_as_configured()
    {
        // One tick, then silence: after a minute every bar is empty.
        Tick[] ticks = [new Tick(SyntheticTicks.Start + 1000, 1.10000, 1.10010), new Tick(SyntheticTicks.Start + 50_000, 1.10020, 1.10030)];
        foreach (EmptyBarFill fill in Enum.GetValues<EmptyBarFill>())
        {
            AgentConfig config = AgentYaml.Load(
                "  - group: s10\n    timeframe: 10s\n    lags: 1\n    features: [price_diff, mean_spread, tick_count, last]",
                $"  empty_bars: {EnumText.Spell(fill)}");
            var live = new LiveFeatureDriver(FeaturePlan.Compile(config, TestAgents.Registry));
            foreach (Tick tick in ticks)
            {
                live.OnTick(tick);
            }

            live.AdvanceClock(SyntheticTicks.Start + 120_000);
            float[] observation = live.LatestObservation.ToArray();
            float[] expected = fill == EmptyBarFill.FillForward ? [0f, 1f, 0f, (float)1.10025] : [0f, 0f, 0f, 0f];
            Assert.Equal(expected, observation);
        }
    }

    private static double Expected(string feature, ReferenceBar bar, ReferenceBar latest)
    {
        double range = bar.Max - bar.Min;
        return feature switch
        {
            "price_diff" => (latest.Close - bar.Mean) / Pip,
            "close_diff" => (latest.Close - bar.Close) / Pip,
            "high_diff" => (latest.Close - bar.Max) / Pip,
            "low_diff" => (latest.Close - bar.Min) / Pip,
            "mean" => bar.Mean,
            "min" => bar.Min,
            "max" => bar.Max,
            "last" => bar.Close,
            "mean_minus_min" => (bar.Mean - bar.Min) / Pip,
            "max_minus_mean" => (bar.Max - bar.Mean) / Pip,
            "buy_ratio" => bar.Share(t => (t.Flags & TickFlags.Buy) != 0),
            "sell_ratio" => bar.Share(t => (t.Flags & TickFlags.Sell) != 0),
            "bid_ratio" => bar.Share(t => (t.Flags & (TickFlags.Bid | TickFlags.Ask)) == TickFlags.Bid),
            "ask_ratio" => bar.Share(t => (t.Flags & (TickFlags.Bid | TickFlags.Ask)) == TickFlags.Ask),
            "mean_spread" => bar.MeanSpreadPips,
            "tick_count" => bar.Count,
            "slope_angle" => Math.Atan(bar.SlopePipsPerBar),
            "std_dev" => bar.StdDevPips,
            "skew" => bar.Skew,
            "volatility" => bar.VolatilityPips,
            "candle_return" => (bar.Close - bar.Open) / Pip,
            "candle_range" => range / Pip,
            "body_ratio" => range > 0 ? (bar.Close - bar.Open) / range : 0,
            "upper_wick_ratio" => range > 0 ? (bar.Max - Math.Max(bar.Open, bar.Close)) / range : 0,
            "lower_wick_ratio" => range > 0 ? (Math.Min(bar.Open, bar.Close) - bar.Min) / range : 0,
            _ => throw new ArgumentException(feature),
        };
    }
}
