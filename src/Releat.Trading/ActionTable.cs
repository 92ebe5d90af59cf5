using Releat.Agents.Config;

namespace Releat.Trading;

/// <summary>
/// The policy's discrete actions in the agent config's order (<see cref="ActionSpaceConfig"/>): 0 is hold, then for
/// each size 1..N open long, close long, open short, close short. Index arithmetic only, so lookups cost nothing.
/// </summary>
public sealed class ActionTable
{
    private const int KindsPerSize = 4;
    private readonly TradeAction[] _actions;

    public ActionTable(int maxUnits)
    {
        if (maxUnits is < 1 or > 15)
        {
            // Masks are kept as the bits of one ulong: 1 + 4·15 = 61 actions fit.
            throw new ArgumentOutOfRangeException(nameof(maxUnits), maxUnits, "environment.actions.max_units must be 1..15");
        }

        MaxUnits = maxUnits;
        _actions = new TradeAction[1 + (KindsPerSize * maxUnits)];
        _actions[0] = TradeAction.Hold;
        for (int units = 1; units <= maxUnits; units++)
        {
            _actions[OpenLong(units)] = new TradeAction(AgentActionKind.OpenLong, units);
            _actions[CloseLong(units)] = new TradeAction(AgentActionKind.CloseLong, units);
            _actions[OpenShort(units)] = new TradeAction(AgentActionKind.OpenShort, units);
            _actions[CloseShort(units)] = new TradeAction(AgentActionKind.CloseShort, units);
        }
    }

    public static ActionTable For(ActionSpaceConfig actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return new ActionTable(actions.MaxUnits);
    }

    public int MaxUnits { get; }

    public int Count => _actions.Length;

    public TradeAction this[int index] => _actions[index];

    public static int HoldIndex => 0;

    public static int OpenLong(int units) => 1 + (KindsPerSize * (units - 1));

    public static int CloseLong(int units) => 2 + (KindsPerSize * (units - 1));

    public static int OpenShort(int units) => 3 + (KindsPerSize * (units - 1));

    public static int CloseShort(int units) => 4 + (KindsPerSize * (units - 1));

    /// <summary>The action that opens <paramref name="units"/> on a side (+1 long, −1 short).</summary>
    public static int Open(int side, int units) => side > 0 ? OpenLong(units) : OpenShort(units);

    /// <summary>The action that closes <paramref name="units"/> of a position on a side (+1 long, −1 short).</summary>
    public static int Close(int side, int units) => side > 0 ? CloseLong(units) : CloseShort(units);

    /// <summary>The config's action name (open_long_2 ...).</summary>
    public string Name(int index)
    {
        TradeAction action = _actions[index];
        return action.Kind switch
        {
            AgentActionKind.Hold => "hold",
            AgentActionKind.OpenLong => $"open_long_{action.Units}",
            AgentActionKind.CloseLong => $"close_long_{action.Units}",
            AgentActionKind.OpenShort => $"open_short_{action.Units}",
            _ => $"close_short_{action.Units}",
        };
    }
}
