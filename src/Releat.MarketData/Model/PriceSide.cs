namespace Releat.MarketData.Model;

/// <summary>Which side of the book a candle's prices come from (MT5 candles are bid, Dukascopy offers both).</summary>
public enum PriceSide
{
    Bid,
    Ask,
}
