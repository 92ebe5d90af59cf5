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
    /// <summary>Two standard errors: beyond it a result is not noise.</summary>
    public const double SignificantT = 2;

    public bool SignificantlyWorseThanFlat => AgentEdgeT < -SignificantT;

    public static SeedSummary Of(ulong seed, IReadOnlyList<IReadOnlyList<UnitOutcome>> byFold)
    {
        ArgumentNullException.ThrowIfNull(byFold);
        UnitOutcome[] units = [.. byFold.Select(f => f.Single(u => u.Seed == seed))];
        double[] daily = [.. units.SelectMany(u => PolicySummary.Daily(u, WalkForwardSummary.AgentPolicy))];
        return new SeedSummary(
            seed, units.Count(u => u.Deployable), units.Length,
            ReportedNumber.Pips(units.Sum(u => u.Policy(WalkForwardSummary.AgentPolicy).NetPips)), daily.Length,
            ReportedNumber.Ratio(BacktestMetrics.TStatistic(daily)));
    }
}
