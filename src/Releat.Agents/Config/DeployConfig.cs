namespace Releat.Agents.Config;

/// <summary>
/// When a trained checkpoint may trade live (the deploy section): its greedy backtest on the validation split must
/// beat doing nothing (flat) by a t statistic of at least <see cref="MinValidationT"/> on its P&amp;L per
/// <see cref="PnlPeriod"/> after spread and commission, over at least <see cref="MinValidationPeriods"/> periods.
/// A day is the honest period for agents whose validation spans months; an agent validated over a few days (the
/// demo) measures hours, knowing that hourly P&amp;L is less independent than daily.
/// </summary>
public sealed record DeployConfig(double MinValidationT, TimeSpan PnlPeriod, int MinValidationPeriods)
{
    /// <summary>t ≥ 2 on daily P&amp;L over at least 20 trading days: about 97.5% one-sided that the edge is not zero.</summary>
    public static readonly DeployConfig Default = new(2.0, TimeSpan.FromDays(1), 20);
}
