namespace Releat.Trader.Core.Agents;

/// <summary>One broker position an agent holds: its id at the broker, side (+1 long, -1 short), lots, open time and price.</summary>
public sealed record HeldPosition(long PositionId, int Side, double Lots, long OpenTimeMs, double OpenPrice)
{
    /// <summary>Floating profit plus swap at the last refresh, in the account currency.</summary>
    public double Unrealized { get; init; }
}
