namespace Releat.Agents.Config;

/// <summary>A window of the UTC day, on the given weekdays, in which the agent may open positions.</summary>
public sealed record TradingSession(string Name, IReadOnlyList<DayOfWeek> Days, MarketData.Calendar.SessionWindow Hours)
{
    public bool Contains(long timeMs)
    {
        if (!Days.Contains(MarketData.Time.UtcTime.DayOfWeek(timeMs)))
        {
            return false;
        }

        long minute = MarketData.Time.UtcTime.MsOfDay(timeMs) / MarketData.Time.UtcTime.MsPerMinute;
        return minute >= Hours.StartMinute && minute < Hours.EndMinute;
    }
}
