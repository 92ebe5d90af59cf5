using Releat.Trader.Core.Agents;

namespace Releat.Trader.Core.Rules;

/// <summary>No operating rules: opening and closing are always allowed and nothing is forced. The default until the
/// host plugs in the agents' PositionRules; the risk rules still apply.</summary>
public sealed class UnrestrictedOperatingRules : IOperatingRules
{
    public static UnrestrictedOperatingRules Instance { get; } = new();

    public bool MayOpen(string agentId, long marketTimeMs, out string reason)
    {
        reason = string.Empty;
        return true;
    }

    public bool MayClose(in AgentHolding holding, long marketTimeMs, out string reason)
    {
        reason = string.Empty;
        return true;
    }

    public bool MustClose(in AgentHolding holding, long marketTimeMs, out string reason)
    {
        reason = string.Empty;
        return false;
    }
}
