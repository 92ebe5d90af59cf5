namespace Releat.MarketData.Trading.Events;

/// <summary>The margin level fell to the margin call level (raised once until it recovers above it).</summary>
public sealed record MarginCallReached(long TimeMs, double MarginLevel, double Equity, double Margin)
    : TradeEvent(TimeMs);
