namespace Releat.MarketData.Trading.Events;

/// <summary>A position grew (netting mode, or a later fill of the order that opened it); the open price is the new average.</summary>
public sealed record PositionIncreased(
    long TimeMs, long PositionId, string Symbol, double AddedVolume, double Volume, double OpenPrice, long OrderId)
    : TradeEvent(TimeMs);
