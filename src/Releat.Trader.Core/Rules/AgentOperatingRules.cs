using System.Globalization;
using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.MarketData.Model;
using Releat.Trader.Core.Agents;
using Releat.Trading;

namespace Releat.Trader.Core.Rules;

/// <summary>
/// The trader's operating rules are the agents' own PositionRules, the ones their training environment and
/// backtests used: the same minimum and maximum hold, weekend and session closes. Built from the agents' configs, a
/// position's open time is taken back to the decision that opened it (the last decision time at or before its fill),
/// as the environment stamps positions, so a close the policy was allowed at decision time is not refused because
/// the fill came a few hundred milliseconds after its decision.
/// </summary>
public sealed class AgentOperatingRules(
    IReadOnlyDictionary<string, PositionRules> rulesByAgent, IReadOnlyDictionary<string, (long StepMs, long OffsetMs)>? decisionGrids = null)
    : IOperatingRules
{
    /// <summary>The rules and decision grids of these agents' configs.</summary>
    public static AgentOperatingRules For(IEnumerable<AgentConfig> configs, SymbolCatalog? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(configs);
        var list = configs.ToList();
        return new AgentOperatingRules(
            list.ToDictionary(c => c.Id, c => PositionRules.For(c, symbols), StringComparer.Ordinal),
            list.ToDictionary(
                c => c.Id,
                c => ((long)c.RawData.DecisionTimeframe.TotalMilliseconds, (long)c.RawData.TimeOffset.TotalMilliseconds),
                StringComparer.Ordinal));
    }

    public bool MayOpen(string agentId, long marketTimeMs, out string reason)
    {
        var status = Rules(agentId).StatusAt(marketTimeMs);
        reason = status.MayOpen
            ? string.Empty
            : status.ForcedExit == ExitReason.None ? "outside the agent's trading sessions" : $"market closing ({status.ForcedExit})";
        return status.MayOpen;
    }

    public bool MayClose(in AgentHolding holding, long marketTimeMs, out string reason)
    {
        var rules = Rules(holding.AgentId);
        var held = marketTimeMs - OpenedAt(holding);
        if (!holding.IsFlat && rules.MinHoldMs > 0 && held < rules.MinHoldMs
            && rules.ForcedExit(Position(holding), marketTimeMs) == ExitReason.None)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"minimum hold {rules.MinHoldMs / 1000} s not reached ({held / 1000} s)");
            return false;
        }

        reason = string.Empty;
        return true;
    }

    public bool MustClose(in AgentHolding holding, long marketTimeMs, out string reason)
    {
        var exit = holding.IsFlat ? ExitReason.None : Rules(holding.AgentId).ForcedExit(Position(holding), marketTimeMs);
        reason = exit == ExitReason.None ? string.Empty : exit.ToString();
        return exit != ExitReason.None;
    }

    private AgentPosition Position(in AgentHolding holding) => new(holding.Units, holding.EntryPrice, OpenedAt(holding));

    /// <summary>The opening decision's time: the last decision on the agent's grid at or before the fill.</summary>
    private long OpenedAt(in AgentHolding holding) =>
        decisionGrids is null || !decisionGrids.TryGetValue(holding.AgentId, out var grid) || grid.StepMs <= 0 || holding.OpenedAtMs <= 0
            ? holding.OpenedAtMs
            : FeaturePlan.DecisionTimeAtOrBefore(holding.OpenedAtMs, grid.StepMs, grid.OffsetMs);

    private PositionRules Rules(string agentId) =>
        rulesByAgent.TryGetValue(agentId, out var rules)
            ? rules
            : throw new InvalidOperationException($"no operating rules for agent '{agentId}'");
}
