namespace Releat.MarketData.Time;

/// <summary>The machine's UTC clock, read through <see cref="TimeProvider"/> so tests can substitute it.</summary>
public sealed class SystemClock(TimeProvider timeProvider) : IClock
{
    public static SystemClock Instance { get; } = new(TimeProvider.System);

    public long UtcNowMs => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
