using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Testing;

namespace Releat.Agents.Tests;

public sealed class ReferenceAgentTests
{
    private static readonly AgentConfigLoader Loader = new(new FeatureRegistry());

    [Fact]
    public void T00001_loads_with_the_reference_settings()
    {
        AgentConfig config = Loader.Load(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml"));

        Assert.Equal("t00001", config.Id);
        Assert.Equal("EURUSD", config.TradedSymbol);
        Assert.Equal(DataSourceKind.Ticks, config.RawData.Source);
        Assert.Equal(TimeSpan.FromSeconds(10), config.RawData.DecisionTimeframe);
        Assert.Equal(TimeSpan.FromSeconds(3), config.RawData.TimeOffset);

        FeatureGroupConfig s30 = config.Features[0];
        Assert.Equal(("s30", TimeSpan.FromSeconds(30), 5), (s30.Name, s30.Timeframe, s30.Lags));
        Assert.Equal(["price_diff", "buy_ratio", "sell_ratio", "mean_spread"], s30.Features);
        Assert.Equal(new TransformConfig(new PercentileRange(0.5, 99.5), true, true, true, 5), s30.Transform);

        FeatureGroupConfig m5 = config.Features[1];
        Assert.Equal(("m5", TimeSpan.FromMinutes(5), 3), (m5.Name, m5.Timeframe, m5.Lags));
        Assert.Equal(["price_diff", "mean_minus_min", "max_minus_mean", "slope_angle"], m5.Features);
        Assert.Equal(FeatureGroupKind.Time, config.Features[2].Kind);
        Assert.Equal(FeatureGroupKind.Position, config.Features[3].Kind);

        Assert.Equal(9, config.Environment.Actions.Count);
        Assert.Equal("open_short_2", config.Environment.Actions.Actions[7].Name);
        Assert.Equal((0.99, 0.95, 0.2, 0.01, 0.5, 0.5), (config.Training.Gamma, config.Training.GaeLambda, config.Training.ClipCoef,
            config.Training.EntCoef, config.Training.VfCoef, config.Training.MaxGradNorm));
        Assert.Null(config.Training.TargetKl);
        Assert.Equal(2048, config.Training.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Trading.StaleSignalAge);
        Assert.True(config.Trading.Sessions[0].Contains(MarketData.Time.UtcTime.FromParts(2024, 3, 5, 12, 0, 0, 0)));
        Assert.False(config.Trading.Sessions[0].Contains(MarketData.Time.UtcTime.FromParts(2024, 3, 5, 21, 0, 0, 0)));
    }

    [Fact]
    public void T00001_observation_has_the_documented_layout()
    {
        AgentConfig config = Loader.Load(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml"));
        FeaturePlan plan = FeaturePlan.Compile(config, new FeatureRegistry());

        // 5 lags × 4 + 3 lags × 4 + sin/cos of the time of day; the position comes from the environment.
        Assert.Equal(34, plan.Layout.Width);
        Assert.Equal("s30.price_diff.lag0", plan.Layout.Names[0]);
        Assert.Equal("s30.mean_spread.lag4", plan.Layout.Names[19]);
        Assert.Equal("m5.slope_angle.lag2", plan.Layout.Names[31]);
        Assert.Equal("clock.time_of_day.cos", plan.Layout.Names[33]);
        Assert.Equal(["position.position", "position.unrealised_pnl", "position.hold_time"], plan.Layout.AgentStateNames);
        Assert.Equal(37, plan.Layout.ModelInputWidth);
        Assert.Equal(TimeSpan.FromMinutes(15) + TimeSpan.Zero, TimeSpan.FromMilliseconds(plan.LookbackMs));
    }

    [Fact]
    public void C00001_candle_agent_loads()
    {
        AgentConfig config = Loader.Load(Path.Combine(RepositoryRoot.Path, "agents", "c00001", "agent.yaml"));
        Assert.Equal(DataSourceKind.Candles, config.RawData.Source);
        Assert.Equal(new CandleSourceConfig(TimeSpan.FromHours(1), MarketData.Model.PriceSide.Ask, 0.8), config.RawData.Candles);
        Assert.Equal(12, config.Features[0].Lags);
        Assert.Equal(TimeSpan.FromHours(4), config.Features[1].Timeframe);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("10s", 10_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2d", 172_800_000)]
    public void Durations_are_a_whole_number_and_a_unit(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out TimeSpan duration));
        Assert.Equal(milliseconds, (long)duration.TotalMilliseconds);
        Assert.Equal(text, DurationText.Format(duration));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1.5m")]
    [InlineData("10 sec")]
    [InlineData("m")]
    [InlineData("-5s")]
    public void Other_duration_spellings_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));
}
