namespace Releat.Agents.Config;

/// <summary>
/// For candle agents: the candle period, the side its prices are quoted on, and the spread to assume for fills
/// when the candles do not carry one.
/// </summary>
public sealed record CandleSourceConfig(TimeSpan Timeframe, MarketData.Model.PriceSide Side, double SpreadPips);
