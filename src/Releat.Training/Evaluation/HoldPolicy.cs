using Releat.Agents.Config;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>
/// The passive baselines: buy and hold (long the full size) or sell and hold (short it). The position is opened at
/// the first decision the rules allow and held; when the rules close it (a stop, the maximum hold, the weekend) it is
/// opened again as soon as they allow. What a market's drift alone earns over the period, after costs.
/// </summary>
public sealed class HoldPolicy : ITradingPolicy
{
    public HoldPolicy(int side, int units)
    {
        if (side is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "+1 (buy and hold) or -1 (sell and hold)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        Side = side;
        Units = units;
    }

    public int Side { get; }

    public int Units { get; }

    public string Name => Side > 0 ? "buy-and-hold" : "sell-and-hold";

    /// <summary>Buy and hold (+1) or sell and hold (-1) at the agent's full size.</summary>
    public static HoldPolicy For(AgentConfig config, int side)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new HoldPolicy(side, config.Environment.Actions.MaxUnits);
    }

    public void Reset()
    {
    }

    public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int wanted = environment.Position.IsFlat ? ActionTable.Open(Side, Math.Min(Units, environment.Tape.Actions.MaxUnits)) : ActionTable.HoldIndex;
        return mask[wanted] ? wanted : mask[ActionTable.HoldIndex] ? ActionTable.HoldIndex : mask.IndexOf(true);
    }
}
