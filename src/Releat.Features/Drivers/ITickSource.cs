namespace Releat.Features.Drivers;

/// <summary>
/// One symbol's recorded ticks, as the batch driver reads them: any time range, oldest first, plus the last tick
/// before a time (a chunk's warm-up needs the price in force when its history window opens).
/// </summary>
public interface ITickSource
{
    string Symbol { get; }

    /// <summary>Ticks with fromMs ≤ time &lt; toMs, oldest first.</summary>
    ITickReader Open(long fromMs, long toMs);

    bool TryGetLastBefore(long timeMs, out MarketData.Model.Tick tick);

    /// <summary>How many ticks lie in the range (for progress); may be an estimate.</summary>
    long Count(long fromMs, long toMs);
}
