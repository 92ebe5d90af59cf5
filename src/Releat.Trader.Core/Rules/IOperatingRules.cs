using Releat.Trader.Core.Agents;

namespace Releat.Trader.Core.Rules;

/// <summary>
/// The seam for an agent's operating rules (minimum and maximum hold, stops, weekend and session closes), which are
/// shared with the training environment and live in Releat.Trading's PositionRules; the trader only asks. Times are
/// market time (UTC milliseconds of the latest tick).
/// </summary>
public interface IOperatingRules
{
    /// <summary>Whether the agent may open (or add to) a position now; when not, why.</summary>
    bool MayOpen(string agentId, long marketTimeMs, out string reason);

    /// <summary>Whether the agent may reduce or close its position now (a minimum hold may forbid it); when not, why.</summary>
    bool MayClose(in AgentHolding holding, long marketTimeMs, out string reason);

    /// <summary>Whether the position must be closed now, whatever the policy says; when so, why.</summary>
    bool MustClose(in AgentHolding holding, long marketTimeMs, out string reason);
}
