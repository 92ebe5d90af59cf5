using Releat.MarketData.Time;
using Releat.Training.Evaluation;

namespace Releat.Trading.Tests;

public sealed class BacktestTests
{
    [Fact]
    public void Metrics_follow_their_definitions()
    {
        long monday = UtcTime.FromParts(2024, 1, 8, 12, 0, 0, 0);
        long day = UtcTime.MsPerDay;
        // Three trading days; equity after each decision. Day P&L: +10, −5, +20.
        long[] times = [monday, monday + 3_600_000, monday + day, monday + day + 60_000, monday + (2 * day)];
        double[] equity = [4, 10, 8, 5, 25];
        TradeRecord[] trades =
        [
            new(monday, monday + 1, 1, 1.1, 1.1010, 10.2, 10, ExitReason.Agent),
            new(monday, monday + 2, -1, 1.1, 1.1005, -4.8, -5, ExitReason.Stop),
            new(monday, monday + 3, 2, 1.1, 1.1010, 10.2, 20, ExitReason.MaxHold),
        ];
        var metrics = BacktestMetrics.From(new BacktestResult("x", trades, times, equity, ExposedDecisions: 2));

        Assert.Equal([10.0, -5.0, 20.0], BacktestMetrics.DailyPnl(new BacktestResult("x", trades, times, equity, 2)));
        Assert.Equal(25, metrics.NetPips);
        Assert.Equal(3, metrics.Trades);
        Assert.Equal(2.0 / 3, metrics.WinRate, 12);
        Assert.Equal(30.0 / 5, metrics.ProfitFactor!.Value, 12);
        Assert.Equal(5, metrics.MaxDrawdownPips);   // from the peak of 10 down to 5
        Assert.Equal(3, metrics.Days);
        Assert.Equal(1, metrics.TradesPerDay);
        Assert.Equal(0.4, metrics.Exposure, 12);
        double mean = 25.0 / 3, sd = Math.Sqrt(((10 - mean) * (10 - mean) + (-5 - mean) * (-5 - mean) + (20 - mean) * (20 - mean)) / 2);
        Assert.Equal(mean / sd * Math.Sqrt(252), metrics.Sharpe, 9);
        Assert.Equal(mean / Math.Sqrt(25.0 / 3) * Math.Sqrt(252), metrics.Sortino, 9);
        Assert.Equal(mean / (sd / Math.Sqrt(3)), metrics.EdgeTStatistic, 9);
        Assert.True(metrics.WithinNoiseOfFlat);
    }

    [Fact]
    public void Baselines_trade_under_the_same_rules_flat_never_random_often_momentum_with_the_trend()
    {
        var market = new HandmadeMarket(TestAgent.Load(stopPips: 500, maxHold: "1d", commissionPips: 0), 600);
        for (int r = 0; r < 600; r++)
        {
            market.Windows[r] = HandmadeMarket.Window(r < 300 ? r * 0.5 : 150 - ((r - 300) * 0.5));   // up, then down
        }

        DecisionTape tape = market.Tape();
        BacktestResult Run(ITradingPolicy policy) => Backtest.Run(tape, market.Config.Environment.Reward, .., policy);
        BacktestResult flat = Run(new FlatPolicy());
        BacktestResult random = Run(new RandomPolicy(3));
        BacktestResult momentum = Run(new MomentumPolicy(lookbackDecisions: 5, units: 2));

        Assert.Empty(flat.Trades);
        Assert.Equal(0, flat.NetPips);
        Assert.True(random.Trades.Count > 100);
        Assert.Equal(random.Trades, Run(new RandomPolicy(3)).Trades);   // seeded
        Assert.Equal(2, momentum.Trades.Count);                         // long the rise, short the fall
        Assert.True(momentum.Trades[0].Units == 2 && momentum.Trades[1].Units == -2);
        Assert.True(momentum.NetPips > 500, momentum.NetPips.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExitReason.EndOfData, momentum.Trades[1].Reason);
        Assert.Equal(600, momentum.Decisions);
    }

    [Fact]
    public void The_momentum_baseline_looks_back_over_the_agents_longest_bar_window_with_its_full_size()
    {
        var momentum = MomentumPolicy.For(TestAgent.Load(maxUnits: 3));

        Assert.Equal(12, momentum.LookbackDecisions);   // m1 bars × 2 lags = 2 minutes of 10 s decisions
        Assert.Equal(3, momentum.Units);
    }
}
