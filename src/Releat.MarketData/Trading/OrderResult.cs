namespace Releat.MarketData.Trading;

/// <summary>An order as it stands: state, MT5 return code, fills so far and the position it made or touched.</summary>
public readonly record struct OrderResult(
    long OrderId,
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    double Volume,
    OrderState State,
    TradeRetcode RetCode,
    string Reason,
    double FilledVolume,
    double AverageFillPrice,
    long PositionId)
{
    public bool IsRejected => State == OrderState.Rejected;
}
