using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>Reads the trading section: sizing, limits, signal freshness and trading sessions.</summary>
internal static class TradingReader
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static TradingConfig Read(YamlSection root)
    {
        YamlSection? section = root.Section("trading", required: true);
        if (section is null)
        {
            return new TradingConfig(0.01, 1, 1, TimeSpan.FromSeconds(1), []);
        }

        double lotSize = section.PositiveDouble("lot_size_per_unit", null);
        int maxPosition = section.Int("max_position", null, 1, 10_000);
        double dailyLossLimit = section.PositiveDouble("daily_loss_limit", null);
        TimeSpan staleSignalAge = section.PositiveDuration("stale_signal_age", null);
        var sessions = new List<TradingSession>();
        foreach (YamlSection session in section.SectionList("sessions", required: false))
        {
            sessions.Add(ReadSession(session));
        }

        section.RejectUnknownKeys();
        return new TradingConfig(lotSize, maxPosition, dailyLossLimit, staleSignalAge, sessions);
    }

    private static TradingSession ReadSession(YamlSection section)
    {
        string name = section.String("name");
        var days = new List<DayOfWeek>();
        IReadOnlyList<(string Value, SourceLocation Location)> dayNames = section.ScalarList("days", required: false);
        foreach ((string text, SourceLocation location) in dayNames)
        {
            int index = Array.IndexOf(DayNames, text);
            if (index < 0)
            {
                section.ErrorAt(location, section.FieldPath("days"), $"'{text}' is not a weekday ({string.Join(", ", DayNames)})");
            }
            else
            {
                days.Add((DayOfWeek)index);
            }
        }

        if (dayNames.Count == 0)
        {
            days.AddRange([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        }

        MarketData.Calendar.SessionWindow hours = MarketData.Calendar.SessionWindow.WholeDay;
        string hoursText = section.String("hours");
        if (hoursText.Length > 0)
        {
            try
            {
                hours = MarketData.Calendar.SessionWindow.Parse(hoursText);
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
            {
                section.Error("hours", $"'{hoursText}' is not UTC hours such as 07:00-16:00 ({e.Message})");
            }
        }

        section.RejectUnknownKeys();
        return new TradingSession(name, days, hours);
    }
}
