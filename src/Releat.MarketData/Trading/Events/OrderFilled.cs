namespace Releat.MarketData.Trading.Events;

/// <summary>An order's last fill: it is now complete.</summary>
public sealed record OrderFilled(
    long TimeMs,
    long OrderId,
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    double FillVolume,
    double FillPrice,
    double FilledVolume,
    double AverageFillPrice,
    double Commission)
    : TradeEvent(TimeMs);
