namespace Releat.Contracts.Tracing;

/// <summary>
/// The clock the live path's processes share for timing hops between them: Unix microseconds of the system's UTC clock.
/// On one machine every process reads the same clock; across machines a hop is as exact as their time sync (chrony
/// or NTP keep loopback-grade hosts within tens of microseconds, a skew shows as a hop that is too short or long).
/// </summary>
public static class WallClock
{
    public static long UnixMicroseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToDateTimeOffset(long unixMicroseconds) =>
        new(DateTime.UnixEpoch.Ticks + (unixMicroseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
