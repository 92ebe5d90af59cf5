namespace Releat.Trader.Core.Orders;

/// <summary>
/// One order the trader has decided to send, journaled before it is sent so a crash can neither lose nor repeat it.
/// <see cref="PositionSide"/> is the side of the position opened or closed (+1 long, -1 short); the order's own side
/// is the opposite when closing. <see cref="Units"/> are the policy units the order adds or removes (a close spread
/// over several broker positions carries them on its first leg). <see cref="PositionId"/> is the position a close
/// reduces, 0 for an open.
/// </summary>
public sealed record OrderIntent(
    string Batch,
    int Leg,
    string ClientOrderId,
    string AgentId,
    string Symbol,
    OrderIntentKind Kind,
    int PositionSide,
    double Lots,
    int Units,
    long PositionId)
{
    public bool IsBuy => Kind == OrderIntentKind.Open ? PositionSide > 0 : PositionSide < 0;
}
