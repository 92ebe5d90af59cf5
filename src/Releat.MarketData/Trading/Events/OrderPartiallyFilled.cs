namespace Releat.MarketData.Trading.Events;

/// <summary>Part of an order filled; the rest waits for the following ticks.</summary>
public sealed record OrderPartiallyFilled(
    long TimeMs,
    long OrderId,
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    double FillVolume,
    double FillPrice,
    double FilledVolume,
    double RemainingVolume,
    double Commission)
    : TradeEvent(TimeMs);
