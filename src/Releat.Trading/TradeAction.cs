using Releat.Agents.Config;

namespace Releat.Trading;

/// <summary>What one discrete action of the policy asks for: hold, or open/close long/short a number of units.</summary>
public readonly record struct TradeAction(AgentActionKind Kind, int Units)
{
    public static TradeAction Hold { get; } = new(AgentActionKind.Hold, 0);

    public bool Opens => Kind is AgentActionKind.OpenLong or AgentActionKind.OpenShort;

    public bool Closes => Kind is AgentActionKind.CloseLong or AgentActionKind.CloseShort;

    /// <summary>+1 for the long side (open long, close long), −1 for the short side, 0 for hold.</summary>
    public int Side => Kind switch
    {
        AgentActionKind.OpenLong or AgentActionKind.CloseLong => 1,
        AgentActionKind.OpenShort or AgentActionKind.CloseShort => -1,
        _ => 0,
    };

    public override string ToString() => Kind == AgentActionKind.Hold ? "hold" : $"{Kind} {Units}";
}
