using Releat.Features.Drivers;
using Releat.Features.Registry;
using Releat.Features.Store;

namespace Releat.Trading;

/// <summary>
/// What the policy gets at a decision, assembled the one way training, backtests and the live signal service share:
/// the market columns, then the position features (<see cref="PositionFeatures.Encode(ReadOnlySpan{PositionFeature}, int, int, double, double, long, long, Span{float})"/>)
/// and the allowed actions for that position at that time (<see cref="PositionRules"/>). The open profit is marked at
/// the execution window after the previous decision (<see cref="OpenPips"/>), which lies wholly before this one, so a
/// live decision can compute it from the ticks it has already seen. Nothing is allocated per call.
/// </summary>
public sealed class AgentObservation
{
    private readonly PositionRules _rules;
    private readonly PositionFeature[] _positionFeatures;

    /// <param name="rules">The agent's execution rules (its actions, stop, maximum hold).</param>
    /// <param name="agentStateColumns">The dataset's <see cref="DatasetMetadata.AgentStateColumns"/>, in order.</param>
    /// <param name="marketWidth">The dataset's market columns.</param>
    public AgentObservation(PositionRules rules, IReadOnlyList<string> agentStateColumns, int marketWidth)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(agentStateColumns);
        ArgumentOutOfRangeException.ThrowIfNegative(marketWidth);
        _rules = rules;
        _positionFeatures = PositionFeatures.Resolve(agentStateColumns);
        MarketWidth = marketWidth;
    }

    public int MarketWidth { get; }

    /// <summary>Market columns plus position features: the policy's input size.</summary>
    public int Size => MarketWidth + _positionFeatures.Length;

    /// <summary>The agent-state values appended after the market columns, in the dataset's order.</summary>
    public ReadOnlySpan<PositionFeature> PositionFeatureSpan => _positionFeatures;

    /// <summary>
    /// Open profit per unit in pips of <paramref name="position"/>, marked at the middle of its exit side over
    /// <paramref name="previousWindow"/> (the execution window after the previous decision); 0 when flat.
    /// </summary>
    public static double OpenPips(in AgentPosition position, in ExecutionRange previousWindow, double pipSize) =>
        position.IsFlat ? 0 : position.PipsPerUnit(Fills.Mark(position.Side, previousWindow), pipSize);

    /// <summary>
    /// Writes the observation for <paramref name="position"/> at <paramref name="nowMs"/> and returns the allowed
    /// actions as bits (bit i = action i); <paramref name="forcedExit"/> says why only a close is allowed, if it is.
    /// </summary>
    /// <param name="market">The decision's market columns (transformed, as the dataset stores them).</param>
    /// <param name="openPips">From <see cref="OpenPips"/>, or 0 when there is no previous window.</param>
    /// <param name="status">What the calendar allows at <paramref name="nowMs"/> (<see cref="PositionRules.StatusAt"/>).</param>
    /// <param name="finalDecision">The last decision of the data or episode (live decisions never are).</param>
    public ulong Write(
        ReadOnlySpan<float> market, in AgentPosition position, double openPips, long nowMs, ClockStatus status, bool finalDecision,
        Span<float> observation, out ExitReason forcedExit)
    {
        if (market.Length != MarketWidth || observation.Length < Size)
        {
            throw new ArgumentException(
                $"{market.Length} market values into an observation of {observation.Length}; the policy expects {MarketWidth} + {_positionFeatures.Length}",
                nameof(market));
        }

        market.CopyTo(observation);
        PositionFeatures.Encode(
            _positionFeatures, position.Units, _rules.Actions.MaxUnits, openPips, _rules.StopPips,
            position.HeldMs(nowMs), _rules.MaxHoldMs, observation[MarketWidth..]);
        forcedExit = _rules.ForcedExit(position, nowMs, status, finalDecision);
        return _rules.AllowedActions(position, nowMs, status, finalDecision);
    }
}
