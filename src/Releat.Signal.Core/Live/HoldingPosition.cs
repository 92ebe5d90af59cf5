using Releat.Features.Engine;
using Releat.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Live;

/// <summary>
/// The trader's holding as the policy's position. The open time is taken back to the decision that opened it (the
/// last decision time at or before the fill), as the environment stamps a position with its decision's time, so held
/// time, minimum and maximum hold count as they did in training and backtests.
/// </summary>
internal static class HoldingPosition
{
    public static AgentPosition From(V1.TraderHolding? holding, long decisionTimeMs, FeaturePlan plan)
    {
        if (holding is null || holding.Units == 0)
        {
            return AgentPosition.Flat;
        }

        long opened = decisionTimeMs;
        if (holding.OpenTime is { } openTime)
        {
            long fillMs = openTime.ToDateTimeOffset().ToUnixTimeMilliseconds();
            opened = Math.Min(decisionTimeMs, plan.DecisionTimeAtOrBefore(fillMs));
        }

        return new AgentPosition(holding.Units, holding.OpenPrice, opened);
    }
}
