namespace Releat.Agents.Config;

/// <summary>
/// Discrete actions: hold, then for each size 1..<see cref="MaxUnits"/> open long, close long, open short and close
/// short that many units (1 + 4·MaxUnits actions, in that order).
/// </summary>
public sealed record ActionSpaceConfig(int MaxUnits)
{
    public int Count => 1 + (4 * MaxUnits);

    public IReadOnlyList<AgentAction> Actions
    {
        get
        {
            var actions = new List<AgentAction>(Count) { new("hold", AgentActionKind.Hold, 0) };
            for (int units = 1; units <= MaxUnits; units++)
            {
                actions.Add(new($"open_long_{units}", AgentActionKind.OpenLong, units));
                actions.Add(new($"close_long_{units}", AgentActionKind.CloseLong, units));
                actions.Add(new($"open_short_{units}", AgentActionKind.OpenShort, units));
                actions.Add(new($"close_short_{units}", AgentActionKind.CloseShort, units));
            }

            return actions;
        }
    }
}
