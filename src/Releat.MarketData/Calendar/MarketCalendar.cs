namespace Releat.MarketData.Calendar;

/// <summary>
/// Whether a market trades at a given UTC time: the weekly sessions minus configured holidays. The generator,
/// the simulated broker (TRADE_RETCODE_MARKET_CLOSED) and the feature engine all ask this one object.
/// </summary>
public sealed class MarketCalendar
{
    private const int MaxHops = 64;
    private readonly MarketHoliday[] _holidays;

    public MarketCalendar(WeeklySessions sessions, IEnumerable<MarketHoliday>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        Sessions = sessions;
        _holidays = [.. (holidays ?? []).OrderBy(h => h.StartMs)];
        for (int i = 1; i < _holidays.Length; i++)
        {
            if (_holidays[i].StartMs < _holidays[i - 1].EndMs)
            {
                throw new ArgumentException(
                    $"holidays '{_holidays[i - 1].Name}' and '{_holidays[i].Name}' overlap; merge them into one",
                    nameof(holidays));
            }
        }
    }

    /// <summary>Sunday 22:00 to Friday 22:00 UTC, no holidays.</summary>
    public static MarketCalendar Forex { get; } = new(WeeklySessions.Forex);

    public WeeklySessions Sessions { get; }

    public IReadOnlyList<MarketHoliday> Holidays => _holidays;

    public bool IsOpen(long timeMs) => Sessions.IsOpen(timeMs) && HolidayAt(timeMs) is null;

    /// <summary>The first open millisecond at or after the time; long.MaxValue if it never opens.</summary>
    public long NextOpen(long timeMs)
    {
        long t = timeMs;
        for (int hop = 0; hop < MaxHops && t != long.MaxValue; hop++)
        {
            t = Sessions.NextOpen(t);
            MarketHoliday? holiday = t == long.MaxValue ? null : HolidayAt(t);
            if (holiday is null)
            {
                return t;
            }

            t = holiday.EndMs;
        }

        return long.MaxValue;
    }

    /// <summary>The first closed millisecond at or after the time (the time itself when closed).</summary>
    public long NextClose(long timeMs)
    {
        if (!IsOpen(timeMs))
        {
            return timeMs;
        }

        long close = Sessions.NextClose(timeMs);
        foreach (MarketHoliday holiday in _holidays)
        {
            if (holiday.StartMs >= timeMs)
            {
                return Math.Min(close, holiday.StartMs);
            }
        }

        return close;
    }

    public MarketHoliday? HolidayAt(long timeMs)
    {
        // Holidays do not overlap, so the last one starting at or before the time is the only candidate.
        int lo = 0;
        int hi = _holidays.Length - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_holidays[mid].StartMs <= timeMs)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && _holidays[found].Contains(timeMs) ? _holidays[found] : null;
    }
}
