using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>
/// The baseline a trader would try first: follow the move over the agent's longest feature window. At each
/// decision it compares the mid price of the last execution window with the one <see cref="LookbackDecisions"/>
/// decisions earlier; it holds the full size in that direction, closing when the sign turns (as soon as the rules
/// allow) and opening the other way at the next decision. No parameter is fitted to the data.
/// </summary>
public sealed class MomentumPolicy : ITradingPolicy
{
    public MomentumPolicy(int lookbackDecisions, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackDecisions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        LookbackDecisions = lookbackDecisions;
        Units = units;
    }

    public int LookbackDecisions { get; }

    public int Units { get; }

    public string Name => "momentum";

    /// <summary>The rule for an agent: its longest bar group's window (timeframe × lags) in decisions, its full size.</summary>
    public static MomentumPolicy For(AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long window = config.Features
            .Where(g => g.Kind == FeatureGroupKind.Bars)
            .Select(g => g.TimeframeMs * g.Lags)
            .DefaultIfEmpty(config.RawData.DecisionStepMs)
            .Max();
        return new MomentumPolicy((int)Math.Max(1, window / config.RawData.DecisionStepMs), config.Environment.Actions.MaxUnits);
    }

    public void Reset()
    {
    }

    public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int row = environment.Row;
        int sign = row - 1 - LookbackDecisions < 0 ? 0 : Math.Sign(Mid(environment.Tape, row - 1) - Mid(environment.Tape, row - 1 - LookbackDecisions));
        AgentPosition position = environment.Position;
        int wanted = -1;
        if (position.IsFlat && sign != 0)
        {
            wanted = ActionTable.Open(sign, Math.Min(Units, environment.Tape.Actions.MaxUnits));
        }
        else if (!position.IsFlat && sign == -position.Side)
        {
            wanted = ActionTable.Close(position.Side, position.Size);
        }

        // A forced close leaves one allowed action; otherwise fall back to holding.
        return wanted >= 0 && mask[wanted] ? wanted : mask[ActionTable.HoldIndex] ? ActionTable.HoldIndex : mask.IndexOf(true);
    }

    private static double Mid(DecisionTape tape, int row)
    {
        ExecutionRange w = tape.Execution(row);
        return 0.25 * (w.BidLow + w.BidHigh + w.AskLow + w.AskHigh);
    }
}
