namespace Releat.MarketData.Trading.Events;

/// <summary>
/// Part or all of a position closed. <see cref="Profit"/> is the price P&amp;L of the closed volume in the account
/// currency (converted at the current rate when the quote currency differs); <see cref="Swap"/> is the closed
/// volume's share of accrued swap; <see cref="Commission"/> is the closing deal's commission.
/// </summary>
public sealed record PositionClosed(
    long TimeMs,
    long PositionId,
    string Symbol,
    OrderSide Side,
    double ClosedVolume,
    double RemainingVolume,
    double OpenPrice,
    double ClosePrice,
    double Profit,
    double Swap,
    double Commission,
    CloseReason Reason)
    : TradeEvent(TimeMs)
{
    public double NetProfit => Profit + Swap - Commission;

    public bool IsFullyClosed => RemainingVolume == 0;
}
