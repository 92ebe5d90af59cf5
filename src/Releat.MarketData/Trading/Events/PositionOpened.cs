namespace Releat.MarketData.Trading.Events;

public sealed record PositionOpened(
    long TimeMs, long PositionId, string Symbol, OrderSide Side, double Volume, double OpenPrice, long OrderId)
    : TradeEvent(TimeMs);
