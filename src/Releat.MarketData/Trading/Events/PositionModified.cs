namespace Releat.MarketData.Trading.Events;

public sealed record PositionModified(long TimeMs, long PositionId, string Symbol, double StopLoss, double TakeProfit)
    : TradeEvent(TimeMs);
