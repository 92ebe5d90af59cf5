namespace Releat.MarketData.Trading.Events;

/// <summary>An order refused at sending or at the market, with MT5's return code and the reason in words.</summary>
public sealed record OrderRejected(
    long TimeMs, long OrderId, string ClientOrderId, string Symbol, TradeRetcode Code, string Reason)
    : TradeEvent(TimeMs);
