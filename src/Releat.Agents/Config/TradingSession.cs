namespace Releat.Agents;

/// <summary>A window of the UTC day, on the given weekdays, in which the agent may open positions.</summary>
public sealed record TradingSession(string Name, IReadOnlyList<DayOfWeek> Days, MarketData.SessionWindow Hours)
{
    public bool Contains(long timeMs)
    {
        if (!Days.Contains(MarketData.UtcTime.DayOfWeek(timeMs)))
        {
            return false;
        }

        long minute = MarketData.UtcTime.MsOfDay(timeMs) / MarketData.UtcTime.MsPerMinute;
        return minute >= Hours.StartMinute && minute < Hours.EndMinute;
    }
}
