using Releat.MarketData.Time;

namespace Releat.MarketData.Calendar;

/// <summary>
/// When a symbol trades during a normal week, per UTC weekday. Windows that end at 24:00 and start at 00:00 the
/// next day join, so the forex week is one long session from Sunday 22:00 to Friday 22:00.
/// </summary>
public sealed class WeeklySessions
{
    private const int LookAheadDays = 8;
    private readonly SessionWindow[][] _byDay = new SessionWindow[7][];

    public WeeklySessions(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<SessionWindow>> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        for (int day = 0; day < 7; day++)
        {
            SessionWindow[] sorted = windows.TryGetValue((DayOfWeek)day, out IReadOnlyList<SessionWindow>? list)
                ? [.. list.OrderBy(w => w.StartMinute)]
                : [];
            for (int i = 1; i < sorted.Length; i++)
            {
                if (sorted[i].StartMinute < sorted[i - 1].EndMinute)
                {
                    throw new ArgumentException(
                        $"sessions on {(DayOfWeek)day} overlap: {sorted[i - 1]} and {sorted[i]}", nameof(windows));
                }
            }

            _byDay[day] = sorted;
        }
    }

    /// <summary>Forex hours: open Sunday at <paramref name="weekOpen"/> UTC, close Friday at the same time.</summary>
    public static WeeklySessions ForexWeek(TimeOnly weekOpen)
    {
        int minute = (weekOpen.Hour * 60) + weekOpen.Minute;
        var windows = new Dictionary<DayOfWeek, IReadOnlyList<SessionWindow>>
        {
            [DayOfWeek.Sunday] = [new SessionWindow(minute, 1440)],
            [DayOfWeek.Monday] = [SessionWindow.WholeDay],
            [DayOfWeek.Tuesday] = [SessionWindow.WholeDay],
            [DayOfWeek.Wednesday] = [SessionWindow.WholeDay],
            [DayOfWeek.Thursday] = [SessionWindow.WholeDay],
            [DayOfWeek.Friday] = [new SessionWindow(0, minute)],
        };
        return new WeeklySessions(windows);
    }

    /// <summary>The usual forex week: Sunday 22:00 to Friday 22:00 UTC.</summary>
    public static WeeklySessions Forex { get; } = ForexWeek(new TimeOnly(22, 0));

    /// <summary>Open every minute of every day (crypto, synthetic markets, test servers).</summary>
    public static WeeklySessions AllWeek { get; } =
        new(Enum.GetValues<DayOfWeek>().ToDictionary(d => d, IReadOnlyList<SessionWindow> (_) => [SessionWindow.WholeDay]));

    public IReadOnlyList<SessionWindow> On(DayOfWeek day) => _byDay[(int)day];

    public bool IsOpen(long timeMs)
    {
        SessionWindow[] windows = _byDay[(int)UtcTime.DayOfWeek(timeMs)];
        long msOfDay = UtcTime.MsOfDay(timeMs);
        for (int i = 0; i < windows.Length; i++)
        {
            if (msOfDay >= windows[i].StartMinute * UtcTime.MsPerMinute
                && msOfDay < windows[i].EndMinute * UtcTime.MsPerMinute)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first open millisecond at or after the time, or long.MaxValue if the week has no session.</summary>
    public long NextOpen(long timeMs)
    {
        if (IsOpen(timeMs))
        {
            return timeMs;
        }

        long dayStart = UtcTime.DayStart(timeMs);
        for (int d = 0; d <= LookAheadDays; d++)
        {
            long start = dayStart + (d * UtcTime.MsPerDay);
            foreach (SessionWindow window in _byDay[(int)UtcTime.DayOfWeek(start)])
            {
                long open = start + (window.StartMinute * UtcTime.MsPerMinute);
                if (open >= timeMs)
                {
                    return open;
                }
            }
        }

        return long.MaxValue;
    }

    /// <summary>
    /// The first closed millisecond at or after the time (the time itself when closed), following sessions that
    /// run through midnight; long.MaxValue if the market never closes.
    /// </summary>
    public long NextClose(long timeMs)
    {
        long t = timeMs;
        for (int d = 0; d <= LookAheadDays; d++)
        {
            if (!IsOpen(t))
            {
                return t;
            }

            long dayStart = UtcTime.DayStart(t);
            long msOfDay = t - dayStart;
            foreach (SessionWindow window in _byDay[(int)UtcTime.DayOfWeek(t)])
            {
                if (msOfDay >= window.StartMinute * UtcTime.MsPerMinute
                    && msOfDay < window.EndMinute * UtcTime.MsPerMinute)
                {
                    t = dayStart + (window.EndMinute * UtcTime.MsPerMinute);
                    break;
                }
            }
        }

        return long.MaxValue;
    }
}
