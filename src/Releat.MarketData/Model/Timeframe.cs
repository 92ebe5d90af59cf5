namespace Releat.MarketData.Model;

/// <summary>Candle periods of fixed length; the value is the period in seconds (MT5's names).</summary>
public enum Timeframe
{
    M1 = 60,
    M5 = 300,
    M15 = 900,
    M30 = 1800,
    H1 = 3600,
    H4 = 14400,
    D1 = 86400,
}
