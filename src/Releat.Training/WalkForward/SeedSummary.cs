using Releat.Training.Evaluation;

namespace Releat.Training.WalkForward;

/// <summary>
/// One training seed over every fold's test window, as it would have traded live: the gated agent (its chosen
/// checkpoint where the deploy rule passed it, flat elsewhere). Its edge t is over that seed's daily P&amp;L, folds one
/// after another; below -2 the seed's live policy lost significantly against doing nothing, which the deploy rule
/// exists to prevent, so the report names such a seed.
/// </summary>
public sealed record SeedSummary(ulong Seed, int Deployable, int Folds, double AgentNetPips, int Days, double AgentEdgeT)
{
    public bool SignificantlyWorseThanFlat => AgentEdgeT < -BacktestMetrics.SignificantT;

    /// <param name="seed">The training seed.</param>
    /// <param name="units">That seed's outcome in each fold, folds in order.</param>
    /// <param name="daily">The agent policy's daily P&amp;L of those folds, one after another (the caller has it already
    /// for the deflated Sharpe ratio).</param>
    public static SeedSummary Of(ulong seed, IReadOnlyList<UnitOutcome> units, double[] daily)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(daily);
        return new SeedSummary(
            seed, units.Count(u => u.Deployable), units.Count,
            ReportedNumber.Pips(units.Sum(u => u.Policy(WalkForwardSummary.AgentPolicy).NetPips)), daily.Length,
            ReportedNumber.Ratio(BacktestMetrics.TStatistic(daily)));
    }
}
