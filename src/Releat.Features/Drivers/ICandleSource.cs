namespace Releat.Features.Drivers;

/// <summary>One symbol's candles for candle agents: any range by opening time, oldest first.</summary>
public interface ICandleSource
{
    string Symbol { get; }

    /// <summary>Candles opening in [fromMs, toMs), oldest first.</summary>
    IReadOnlyList<MarketData.Model.Candle> Read(long fromMs, long toMs);

    bool TryGetLastBefore(long timeMs, out MarketData.Model.Candle candle);
}
