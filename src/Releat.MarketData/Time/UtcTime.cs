namespace Releat.MarketData.Time;

/// <summary>
/// Conversions between releat's time unit (UTC milliseconds since the Unix epoch) and calendar values.
/// Everything inside releat is UTC; local times only exist at the import edge.
/// </summary>
public static class UtcTime
{
    public const long MsPerSecond = 1000;
    public const long MsPerMinute = 60 * MsPerSecond;
    public const long MsPerHour = 60 * MsPerMinute;
    public const long MsPerDay = 24 * MsPerHour;

    /// <summary>DateOnly.DayNumber of 1970-01-01.</summary>
    private const int EpochDayNumber = 719162;

    public static DateTime ToDateTime(long timeMs) => DateTime.UnixEpoch.AddMilliseconds(timeMs);

    public static long FromDateTime(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("releat keeps time in UTC; convert local times at the edge", nameof(utc));
        }

        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }

    public static long FromDateTimeOffset(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>UTC milliseconds of a civil date and time; the caller has already range-checked every part.</summary>
    public static long FromParts(int year, int month, int day, int hour, int minute, int second, int millisecond)
    {
        long days = new DateOnly(year, month, day).DayNumber - EpochDayNumber;
        return (days * MsPerDay) + (hour * MsPerHour) + (minute * MsPerMinute) + (second * MsPerSecond) + millisecond;
    }

    public static long FromDate(DateOnly date) => (long)(date.DayNumber - EpochDayNumber) * MsPerDay;

    public static DateOnly ToDate(long timeMs) => DateOnly.FromDayNumber((int)(DayIndex(timeMs) + EpochDayNumber));

    /// <summary>Whole days since 1970-01-01 (floor, so times before the epoch work too).</summary>
    public static long DayIndex(long timeMs)
    {
        long days = timeMs / MsPerDay;
        return timeMs % MsPerDay < 0 ? days - 1 : days;
    }

    public static long DayStart(long timeMs) => DayIndex(timeMs) * MsPerDay;

    public static long MsOfDay(long timeMs) => timeMs - DayStart(timeMs);

    /// <summary>1970-01-01 was a Thursday.</summary>
    public static DayOfWeek DayOfWeek(long timeMs) => (DayOfWeek)(int)((((DayIndex(timeMs) + 4) % 7) + 7) % 7);

    /// <summary>First millisecond of the UTC month containing the time.</summary>
    public static long MonthStart(long timeMs)
    {
        DateOnly date = ToDate(timeMs);
        return FromDate(new DateOnly(date.Year, date.Month, 1));
    }

    public static long NextMonthStart(long timeMs)
    {
        DateOnly date = ToDate(timeMs);
        return FromDate(new DateOnly(date.Year, date.Month, 1).AddMonths(1));
    }

    public static string Format(long timeMs) =>
        ToDateTime(timeMs).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
