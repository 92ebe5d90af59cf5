using System.Globalization;
using Releat.Trader.Core.Agents;
using Releat.Trading;

namespace Releat.Trader.Core.Rules;

/// <summary>
/// The trader's operating rules are the agents' own PositionRules, the ones their training environment and
/// backtests used: the same minimum and maximum hold, weekend and session closes, asked at market time.
/// </summary>
public sealed class AgentOperatingRules(IReadOnlyDictionary<string, PositionRules> rulesByAgent) : IOperatingRules
{
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
        var held = marketTimeMs - holding.OpenedAtMs;
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

    private static AgentPosition Position(in AgentHolding holding) => new(holding.Units, holding.EntryPrice, holding.OpenedAtMs);

    private PositionRules Rules(string agentId) =>
        rulesByAgent.TryGetValue(agentId, out var rules)
            ? rules
            : throw new InvalidOperationException($"no operating rules for agent '{agentId}'");
}
