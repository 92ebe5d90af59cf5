using Releat.Agents.Config;
using Releat.Learning.Numerics;
using Releat.MarketData.Time;
using Releat.Training.Evaluation;

namespace Releat.Trading.Tests;

public class DeploymentVerdictTests
{
    private static readonly long Monday = UtcTime.FromParts(2024, 1, 8, 0, 0, 0, 0);

    [Fact]
    public void A_steady_edge_over_flat_passes_and_noise_around_zero_does_not()
    {
        BacktestResult edge = Walk(days: 60, hourlyMean: 0.8, hourlyDeviation: 4, seed: 1);
        DeploymentVerdict passed = DeploymentVerdict.Judge(edge, DeployConfig.Default);
        Assert.True(passed.Deployable, passed.Reason);
        Assert.Equal(60, passed.Periods);
        Assert.StartsWith("validation t ", passed.Reason, StringComparison.Ordinal);
        Assert.Contains("over 60 daily P&L", passed.Reason, StringComparison.Ordinal);

        // A random walk's P&L: across seeds, none claims the margin (t >= 2 is a 2.5% chance for each alone).
        int deployable = Enumerable.Range(1, 10)
            .Count(seed => DeploymentVerdict.Judge(Walk(days: 60, hourlyMean: 0, hourlyDeviation: 4, seed: (ulong)seed), DeployConfig.Default).Deployable);
        Assert.InRange(deployable, 0, 1);
    }

    [Fact]
    public void A_loss_never_passes_and_the_reason_says_so()
    {
        DeploymentVerdict verdict = DeploymentVerdict.Judge(Walk(days: 60, hourlyMean: -0.8, hourlyDeviation: 4, seed: 2), DeployConfig.Default);
        Assert.False(verdict.Deployable);
        Assert.True(verdict.TStatistic < 0);
        Assert.EndsWith("< 2.00: no edge over flat shown", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_periods_to_judge_are_refused_and_a_shorter_period_counts_more_of_them()
    {
        BacktestResult week = Walk(days: 5, hourlyMean: 2, hourlyDeviation: 1, seed: 3);
        DeploymentVerdict daily = DeploymentVerdict.Judge(week, DeployConfig.Default);
        Assert.False(daily.Deployable);
        Assert.Contains("fewer than the 20 daily periods", daily.Reason, StringComparison.Ordinal);

        DeploymentVerdict hourly = DeploymentVerdict.Judge(week, DeployConfig.Default with { PnlPeriod = TimeSpan.FromHours(1) });
        Assert.Equal(5 * 24, hourly.Periods);
        Assert.True(hourly.Deployable, hourly.Reason);
    }

    [Fact]
    public void The_margin_rises_with_the_checkpoints_a_run_judges_so_the_best_of_many_must_show_more()
    {
        Assert.Equal(2.0, DeploymentVerdict.Margin(2.0, 1));
        Assert.Equal(2.83, DeploymentVerdict.Margin(2.0, 10), 2);
        Assert.Equal(3.05, DeploymentVerdict.Margin(2.0, 20), 2);

        // Under no edge, the chance that the best of 20 independent checkpoints passes stays the one-checkpoint 2.3%.
        double alone = 1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, 2.0);
        double anyOf20 = 1 - Math.Pow(MathNet.Numerics.Distributions.Normal.CDF(0, 1, DeploymentVerdict.Margin(2.0, 20)), 20);
        Assert.Equal(alone, anyOf20, 10);

        // A validation result between the two margins passes alone and not as one of 20 checkpoints, and says why.
        BacktestResult modest = Enumerable.Range(1, 40).Select(seed => Walk(days: 60, hourlyMean: 0.35, hourlyDeviation: 4, seed: (ulong)seed))
            .First(w => DeploymentVerdict.Judge(w, DeployConfig.Default).TStatistic is > 2.1 and < 2.9);
        Assert.True(DeploymentVerdict.Judge(modest, DeployConfig.Default).Deployable);
        DeploymentVerdict ofTwenty = DeploymentVerdict.Judge(modest, DeployConfig.Default, comparisons: 20);
        Assert.False(ofTwenty.Deployable);
        Assert.EndsWith("< 3.05 (the rule's 2.00 raised for the 20 checkpoints the run judges): no edge over flat shown", ofTwenty.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Daily_periods_end_at_the_forex_day_close_at_22_utc()
    {
        long[] times = [Monday + Hours(21), Monday + Hours(23), Monday + Hours(24 + 21)];
        var result = new BacktestResult("agent", [], times, [1, 3, 6], 0);
        Assert.Equal([1.0, 5.0], BacktestMetrics.PnlPerPeriod(result, TimeSpan.FromDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BacktestMetrics.PnlPerPeriod(result, TimeSpan.FromHours(7)));
    }

    /// <summary>Hourly decisions on weekdays with normally distributed hourly P&amp;L.</summary>
    private static BacktestResult Walk(int days, double hourlyMean, double hourlyDeviation, ulong seed)
    {
        var random = new SeededRandom(seed);
        var times = new List<long>();
        var equity = new List<double>();
        double total = 0;
        for (int day = 0; times.Count < days * 24; day++)
        {
            long start = Monday + (day * UtcTime.MsPerDay);
            if (day % 7 >= 5)
            {
                continue;
            }

            for (int hour = 0; hour < 24; hour++)
            {
                total += hourlyMean + (hourlyDeviation * random.NextGaussian());
                // Decisions at half past, so each hour and each 22:00-to-22:00 day holds whole hours.
                times.Add(start - Hours(2) + Hours(hour) + (UtcTime.MsPerHour / 2));
                equity.Add(total);
            }
        }

        TradeRecord trade = new(times[0], times[^1], 1, 1.1, 1.1, total, total, ExitReason.Agent);
        return new BacktestResult("agent", [trade], [.. times], [.. equity], times.Count);
    }

    private static long Hours(int hours) => hours * UtcTime.MsPerHour;
}
