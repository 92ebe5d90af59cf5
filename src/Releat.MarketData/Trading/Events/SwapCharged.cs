namespace Releat.MarketData.Trading.Events;

/// <summary>Swap booked to a position at the daily rollover; <see cref="Nights"/> is 3 on the triple-swap day.</summary>
public sealed record SwapCharged(long TimeMs, long PositionId, string Symbol, double Amount, int Nights)
    : TradeEvent(TimeMs);
