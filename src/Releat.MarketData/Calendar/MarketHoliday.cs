using Releat.MarketData.Time;

namespace Releat.MarketData.Calendar;

/// <summary>A period when the market is shut outside the weekly pattern: [StartMs, EndMs) in UTC.</summary>
public sealed record MarketHoliday
{
    public MarketHoliday(long startMs, long endMs, string name)
    {
        if (endMs <= startMs)
        {
            throw new ArgumentException(
                $"holiday '{name}' ends ({UtcTime.Format(endMs)}) before it starts ({UtcTime.Format(startMs)})",
                nameof(endMs));
        }

        StartMs = startMs;
        EndMs = endMs;
        Name = name;
    }

    public long StartMs { get; }

    public long EndMs { get; }

    public string Name { get; }

    /// <summary>
    /// A whole trading day off. A forex trading day ends at the daily rollover (22:00 UTC by default), so
    /// Christmas closes from 24 December 22:00 to 25 December 22:00 UTC.
    /// </summary>
    public static MarketHoliday TradingDay(DateOnly date, string name, TimeOnly dayEndUtc)
    {
        long end = UtcTime.FromDate(date) + (dayEndUtc.ToTimeSpan().Ticks / TimeSpan.TicksPerMillisecond);
        return new MarketHoliday(end - UtcTime.MsPerDay, end, name);
    }

    public bool Contains(long timeMs) => timeMs >= StartMs && timeMs < EndMs;
}
