namespace Releat.Agents.Config;

/// <summary>
/// Live trading rules: lots per policy unit, the largest position in units, the loss (account currency) after
/// which trading stops for the UTC day, how old a signal may be before it is ignored, and the sessions to trade in
/// (empty: whenever the market is open).
/// </summary>
public sealed record TradingConfig(
    double LotSizePerUnit,
    int MaxPosition,
    double DailyLossLimit,
    TimeSpan StaleSignalAge,
    IReadOnlyList<TradingSession> Sessions);
