using Releat.Agents.Config;

namespace Releat.Training.Evaluation;

/// <summary>
/// The agent and its baselines over the same period under the same rules: what a report shows. The agent is first.
/// <see cref="Deployment"/> is the checkpoint's own deploy verdict (judged on validation when it was saved): whether the
/// live path would trade it or stay flat.
/// </summary>
public sealed record BacktestComparison(
    string AgentId, string Period, TimeRange Range, string Checkpoint, IReadOnlyList<PolicyOutcome> Policies, DeploymentVerdict Deployment)
{
    public PolicyOutcome Agent => Policies[0];

    public IEnumerable<PolicyOutcome> Baselines => Policies.Skip(1);

    /// <summary>The agent's net pips exceed every baseline's.</summary>
    public bool AgentBeatsBaselines => Baselines.All(b => Agent.Metrics.NetPips > b.Metrics.NetPips);
}
