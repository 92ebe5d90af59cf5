using System.Globalization;
using Releat.Agents;

namespace Releat.Training.Evaluation;

/// <summary>
/// Whether a checkpoint may trade live, judged on its greedy backtest over the validation split against the agent's
/// deploy rule: doing nothing earns exactly zero, so beating flat is a t statistic of the period P&amp;L's mean (after
/// spread and commission) at or above the rule's margin, over enough periods for that statistic to mean something.
/// The reason says what was measured either way, for `releat train`, the signal service's logs and `releat status`.
/// </summary>
public sealed record DeploymentVerdict(bool Deployable, double TStatistic, int Periods, int Trades, double NetPips, string Reason)
{
    public static DeploymentVerdict Judge(BacktestResult validation, DeployConfig rule)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(rule);
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

        return t >= rule.MinValidationT
            ? new(true, t, pnl.Length, trades, validation.NetPips, string.Create(CultureInfo.InvariantCulture, $"{measured} >= {rule.MinValidationT:F2}"))
            : new(false, t, pnl.Length, trades, validation.NetPips,
                string.Create(CultureInfo.InvariantCulture, $"{measured} < {rule.MinValidationT:F2}: no edge over flat shown"));
    }

    /// <summary>The verdict of a checkpoint saved before checkpoints carried one.</summary>
    public static DeploymentVerdict Unjudged(string why) => new(false, 0, 0, 0, 0, why);

    private static string PeriodName(TimeSpan period) =>
        period == TimeSpan.FromDays(1) ? "daily"
        : period == TimeSpan.FromHours(1) ? "hourly"
        : period.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{period.TotalHours:0.##}-hour")
        : string.Create(CultureInfo.InvariantCulture, $"{period.TotalMinutes:0.##}-minute");
}
