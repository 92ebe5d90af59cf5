namespace Releat.MarketData.Trading.Events;

/// <summary>
/// Something that happened to an order, a position or the account, stamped with the UTC time it happened. The
/// same events come from the simulated broker and the live gateway, so a replay of recorded events drives a
/// strategy exactly like the original run.
/// </summary>
public abstract record TradeEvent(long TimeMs);
