using System.Globalization;

namespace Releat.MarketData.Calendar;

/// <summary>
/// One open interval within a UTC day, in minutes from midnight: [StartMinute, EndMinute), 0..1440, so a session
/// that runs to midnight ends at 1440 ("24:00").
/// </summary>
public readonly record struct SessionWindow
{
    public SessionWindow(int startMinute, int endMinute)
    {
        if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute)
        {
            throw new ArgumentOutOfRangeException(
                nameof(startMinute), $"session window {startMinute}-{endMinute} must satisfy 0 <= start < end <= 1440");
        }

        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    public int StartMinute { get; }

    public int EndMinute { get; }

    public static SessionWindow WholeDay { get; } = new(0, 1440);

    /// <summary>Reads "HH:mm-HH:mm" (end may be "24:00").</summary>
    public static SessionWindow Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new FormatException($"session window '{text}' is not 'HH:mm-HH:mm'");
        }

        return new SessionWindow(ParseMinute(parts[0], text), ParseMinute(parts[1], text));
    }

    public override string ToString() => $"{Format(StartMinute)}-{Format(EndMinute)}";

    private static int ParseMinute(string part, string whole)
    {
        string[] hm = part.Split(':');
        if (hm.Length != 2
            || !int.TryParse(hm[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            || !int.TryParse(hm[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            throw new FormatException($"session window '{whole}': '{part}' is not a time HH:mm");
        }

        return (hours * 60) + minutes;
    }

    private static string Format(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}
