namespace Releat.Trading;

/// <summary>
/// The agent's position in the traded symbol: signed units (+ long, − short, 0 flat), the price it was opened at
/// (ask for a long, bid for a short) and when (UTC ms). One open position at a time: no adding, no reversing.
/// </summary>
public readonly record struct AgentPosition(int Units, double EntryPrice, long OpenedMs)
{
    public static AgentPosition Flat => default;

    public bool IsFlat => Units == 0;

    /// <summary>+1 long, −1 short, 0 flat.</summary>
    public int Side => Math.Sign(Units);

    public int Size => Math.Abs(Units);

    public long HeldMs(long nowMs) => IsFlat ? 0 : nowMs - OpenedMs;

    /// <summary>Profit per unit in pips if closed at <paramref name="exitPrice"/> (bid for a long, ask for a short).</summary>
    public double PipsPerUnit(double exitPrice, double pipSize) => IsFlat ? 0 : Side * (exitPrice - EntryPrice) / pipSize;
}
