namespace Releat.MarketData.Time;

/// <summary>
/// Where "now" comes from. Backtests drive a <see cref="SimulatedClock"/> from the tick stream; live code uses
/// <see cref="SystemClock"/>. Nothing else in releat reads the machine's clock.
/// </summary>
public interface IClock
{
    long UtcNowMs { get; }
}
