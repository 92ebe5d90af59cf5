namespace Releat.MarketData.Trading.Events;

/// <summary>An order passed the checks and is on its way; it reaches the market at <see cref="ArrivalMs"/>.</summary>
public sealed record OrderSubmitted(
    long TimeMs, long OrderId, string ClientOrderId, string Symbol, OrderSide Side, double Volume, long ArrivalMs)
    : TradeEvent(TimeMs);
