using Releat.MarketData.Time;

namespace Releat.MarketData.Tests;

/// <summary>Readable UTC instants for tests.</summary>
internal static class Times
{
    public static long Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        UtcTime.FromParts(year, month, day, hour, minute, second, millisecond);

    /// <summary>Monday 4 March 2024, 10:00 UTC: the London session, market open.</summary>
    public static long MondayMorning => Utc(2024, 3, 4, 10);
}
