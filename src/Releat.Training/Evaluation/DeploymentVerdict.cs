using System.Globalization;
using MathNet.Numerics.Distributions;
using Releat.Agents.Config;

namespace Releat.Training.Evaluation;

/// <summary>
/// Whether a checkpoint may trade live, judged on its greedy backtest over the validation split against the agent's
/// deploy rule: doing nothing earns exactly zero, so beating flat is a t statistic of the period P&amp;L's mean (after
/// spread and commission) at or above the rule's margin, over enough periods for that statistic to mean something.
/// The reason says what was measured either way, for `releat train`, the signal service's logs and `releat status`.
/// </summary>
public sealed record DeploymentVerdict(bool Deployable, double TStatistic, int Periods, int Trades, double NetPips, string Reason)
{
    /// <param name="comparisons">
    /// How many checkpoints the run judges on this validation window; the margin is raised for them (<see cref="Margin"/>).
    /// </param>
    public static DeploymentVerdict Judge(BacktestResult validation, DeployConfig rule, int comparisons = 1)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(comparisons, 1);
        double[] pnl = BacktestMetrics.PnlPerPeriod(validation, rule.PnlPeriod);
        double t = BacktestMetrics.TStatistic(pnl);
        int trades = validation.Trades.Count;
        string unit = PeriodName(rule.PnlPeriod);
        string measured = string.Create(CultureInfo.InvariantCulture,
            $"validation t {t:F2} over {pnl.Length} {unit} P&L ({validation.NetPips:+0.0;-0.0;0.0} pips, {trades} trades)");
        if (pnl.Length < rule.MinValidationPeriods)
        {
            return new(false, t, pnl.Length, trades, validation.NetPips,
                string.Create(CultureInfo.InvariantCulture, $"{measured}: fewer than the {rule.MinValidationPeriods} {unit} periods the deploy rule needs to judge"));
        }

        double margin = Margin(rule.MinValidationT, comparisons);
        string against = margin == rule.MinValidationT
            ? string.Create(CultureInfo.InvariantCulture, $"{margin:F2}")
            : string.Create(CultureInfo.InvariantCulture, $"{margin:F2} (the rule's {rule.MinValidationT:F2} raised for the {comparisons} checkpoints the run judges)");
        return t >= margin
            ? new(true, t, pnl.Length, trades, validation.NetPips, $"{measured} >= {against}")
            : new(false, t, pnl.Length, trades, validation.NetPips, $"{measured} < {against}: no edge over flat shown");
    }

    /// <summary>
    /// The t one checkpoint must reach when it is one of <paramref name="comparisons"/> a run judges on the same
    /// validation window. The best of many looks better than it is (on EURUSD H1, 3 of 25 walk-forward trainings
    /// passed t ≥ 2 on validation and all three lost on test), so the chance the rule allows one checkpoint to pass by
    /// luck, 1 − Φ(t), is shared among them (Šidák): t 2.00 stays 2.00 for one checkpoint and becomes 2.83 for 10 and
    /// 3.05 for 20. Successive checkpoints are alike, so this errs on the side of staying flat.
    /// </summary>
    public static double Margin(double minValidationT, int comparisons)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(comparisons, 1);
        if (comparisons == 1)
        {
            return minValidationT;
        }

        // From the lower tail, which keeps its precision where 1 - p would round to 1; a margin so high that its tail
        // underflows is left as it is (no double could tell it from a higher one).
        double each = -double.ExpM1(double.LogP1(-Normal.CDF(0, 1, -minValidationT)) / comparisons);
        return each > 0 ? Math.Max(minValidationT, -Normal.InvCDF(0, 1, each)) : minValidationT;
    }

    /// <summary>The verdict of a checkpoint saved before checkpoints carried one.</summary>
    public static DeploymentVerdict Unjudged(string why) => new(false, 0, 0, 0, 0, why);

    private static string PeriodName(TimeSpan period) =>
        period == TimeSpan.FromDays(1) ? "daily"
        : period == TimeSpan.FromHours(1) ? "hourly"
        : period.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{period.TotalHours:0.##}-hour")
        : string.Create(CultureInfo.InvariantCulture, $"{period.TotalMinutes:0.##}-minute");
}
