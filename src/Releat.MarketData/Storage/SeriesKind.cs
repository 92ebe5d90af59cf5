namespace Releat.MarketData.Storage;

/// <summary>What a series file holds; written in the header so a candle file is never read as ticks.</summary>
public enum SeriesKind
{
    Ticks = 1,
    Candles = 2,
}
