using System.Globalization;

namespace Releat.Training.WalkForward;

/// <summary>
/// Whether the walk-forward shows an edge: only when the whole interval of the agent's mean daily P&amp;L (after
/// spread and commission, seeds averaged, every fold's test window) lies above zero; worse than flat when it lies
/// below; otherwise no edge is claimed. Nothing is claimed when any fold's dataset leaks.
/// </summary>
public sealed record EvaluationVerdict(bool ClaimsEdge, string Outcome, string Reason)
{
    public static EvaluationVerdict Judge(PolicySummary agent, int deployable, int runs, double level, IReadOnlyList<FoldLeakage> leakage)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(leakage);
        string interval = string.Create(CultureInfo.InvariantCulture,
            $"the {level * 100:0}% interval of the agent's mean daily P&L after costs is [{agent.DailyLowerPips:0.0}, {agent.DailyUpperPips:0.0}] pips over {agent.Days} test days ({deployable} of {runs} trainings passed the deploy rule; the rest trade flat)");
        int[] leaking = [.. leakage.Where(l => !l.Clean).Select(l => l.Fold)];
        if (leaking.Length > 0)
        {
            // A feature that sees the future or a transform fitted beyond its window makes any figure meaningless.
            return new(false, "leakage", $"leakage found in the dataset of fold {string.Join(", ", leaking)} (the summary's leakage section lists what changed): no claim can be made; {interval}");
        }

        return agent.DailyLowerPips > 0 ? new(true, "edge", $"edge: {interval}, above zero")
            : agent.DailyUpperPips < 0 ? new(false, "worse than flat", $"worse than flat: {interval}, below zero")
            : new(false, "no edge", $"no edge shown: {interval}, which holds zero");
    }
}
