namespace Releat.Trader.Core.Agents;

/// <summary>
/// An agent's position as the operating rules see it: signed policy units (long positive), lots, the earliest
/// open time of its broker positions (for minimum and maximum holds) and the lot-weighted open price.
/// </summary>
public readonly record struct AgentHolding(string AgentId, string Symbol, int Units, double Lots, long OpenedAtMs, double EntryPrice)
{
    public bool IsFlat => Units == 0 && Lots == 0;
}
