namespace Releat.MarketData.Trading.Events;

/// <summary>The margin level fell to the stop-out level; the named position (the most losing) is being closed.</summary>
public sealed record StopOutTriggered(long TimeMs, long PositionId, string Symbol, double MarginLevel)
    : TradeEvent(TimeMs);
