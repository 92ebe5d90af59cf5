using Releat.Training.Evaluation;
using Releat.Training.Evaluation.Statistics;

namespace Releat.Training.WalkForward;

/// <summary>
/// One policy over every fold's test window and every seed, in pips net of spread and commission. Totals are over the
/// folds (the whole walk-forward) and averaged over seeds; <see cref="NetPipsBySeed"/> keeps each seed's total. The
/// daily series is each day's P&amp;L averaged over seeds, the folds' test windows one after another: its mean, the
/// seeded block-bootstrap interval of that mean, the annualised Sharpe ratio (√252) and the t statistic.
/// </summary>
public sealed record PolicySummary(
    string Name,
    double NetPips,
    IReadOnlyList<double> NetPipsBySeed,
    double Trades,
    double TurnoverPerDay,
    double SpreadPips,
    double CommissionPips,
    double CostsPips,
    double Exposure,
    int Days,
    double DailyMeanPips,
    double DailyLowerPips,
    double DailyUpperPips,
    double Sharpe,
    double EdgeT)
{
    public static PolicySummary Of(string name, IReadOnlyList<IReadOnlyList<UnitOutcome>> byFold, IReadOnlyList<ulong> seeds, ulong bootstrapSeed, double level)
    {
        ArgumentNullException.ThrowIfNull(byFold);
        ArgumentNullException.ThrowIfNull(seeds);
        double[] daily = SeedMeanDaily(name, byFold);
        ConfidenceInterval interval = BlockBootstrap.MeanInterval(daily, bootstrapSeed, level);
        (double mean, double sd, _, _) = DeflatedSharpeRatio.Moments(daily);
        var units = byFold.SelectMany(f => f).Select(u => (Unit: u, Policy: u.Policy(name))).ToList();
        double PerSeed(Func<UnitPolicy, double> value) => units.Sum(u => value(u.Policy)) / seeds.Count;
        long decisions = units.Sum(u => (long)u.Unit.Times.Length);
        return new PolicySummary(
            name,
            ReportedNumber.Pips(PerSeed(p => p.NetPips)),
            [.. seeds.Select(s => ReportedNumber.Pips(units.Where(u => u.Unit.Seed == s).Sum(u => u.Policy.NetPips)))],
            ReportedNumber.Ratio(PerSeed(p => p.Trades)),
            ReportedNumber.Ratio(daily.Length == 0 ? 0 : PerSeed(p => p.UnitsTraded) / daily.Length),
            ReportedNumber.Pips(PerSeed(p => p.SpreadPips)),
            ReportedNumber.Pips(PerSeed(p => p.CommissionPips)),
            ReportedNumber.Pips(PerSeed(p => p.CostsPips)),
            ReportedNumber.Ratio(decisions == 0 ? 0 : units.Sum(u => (double)u.Policy.ExposedDecisions) / decisions),
            daily.Length,
            ReportedNumber.Pips(mean),
            ReportedNumber.Pips(interval.Lower),
            ReportedNumber.Pips(interval.Upper),
            ReportedNumber.Ratio(sd > 0 ? mean / sd * Math.Sqrt(252) : 0),
            ReportedNumber.Ratio(BacktestMetrics.TStatistic(daily)));
    }

    /// <summary>Each trading day's P&amp;L averaged over the seeds, fold after fold (the seeds of a fold share its days).</summary>
    public static double[] SeedMeanDaily(string name, IReadOnlyList<IReadOnlyList<UnitOutcome>> byFold)
    {
        ArgumentNullException.ThrowIfNull(byFold);
        var series = new List<double>();
        foreach (IReadOnlyList<UnitOutcome> fold in byFold)
        {
            double[][] perSeed = [.. fold.Select(u => Daily(u, name))];
            for (int day = 0; day < perSeed[0].Length; day++)
            {
                series.Add(perSeed.Average(s => s[day]));
            }
        }

        return [.. series];
    }

    /// <summary>One fold × seed's daily P&amp;L of a policy (trading days ending 22:00 UTC).</summary>
    public static double[] Daily(UnitOutcome unit, string name)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return BacktestMetrics.DailyPnl(new BacktestResult(name, [], unit.Times, unit.Policy(name).Equity, 0));
    }
}
