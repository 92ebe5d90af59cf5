using System.Globalization;

namespace Releat.Agents.Loading;

/// <summary>Config dates: "2024-01-31" (midnight UTC) or an ISO time that says it is UTC ("2024-01-31T12:00:00Z").</summary>
public static class UtcDateText
{
    public static bool TryParse(string text, out long timeMs)
    {
        timeMs = 0;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            timeMs = MarketData.Time.UtcTime.FromDate(date);
            return true;
        }

        if (text.EndsWith('Z')
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
        {
            timeMs = MarketData.Time.UtcTime.FromDateTime(time);
            return true;
        }

        return false;
    }

    public static string Format(long timeMs) =>
        MarketData.Time.UtcTime.MsOfDay(timeMs) == 0
            ? MarketData.Time.UtcTime.ToDate(timeMs).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : MarketData.Time.UtcTime.ToDateTime(timeMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
