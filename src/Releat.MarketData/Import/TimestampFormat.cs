using System.Globalization;
using System.Text;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// A date/time layout such as "yyyy.MM.dd", "HH:mm:ss.fff" or "dd.MM.yyyy HH:mm:ss.fff". Layouts made only of
/// fixed-width numeric parts (yyyy MM dd HH mm ss f..fffffff) and literal characters are read straight from the
/// UTF-8 bytes without allocating; any other .NET custom format falls back to DateTime.TryParseExact. Besides
/// those, "unix-ms" and "unix-s" read epoch numbers.
/// </summary>
public sealed class TimestampFormat
{
    private readonly Part[]? _parts;
    private readonly int _length;

    private TimestampFormat(string pattern)
    {
        Pattern = pattern;
        _parts = Compile(pattern, out _length);
        HasDate = pattern is "unix-ms" or "unix-s" || pattern.Contains('y', StringComparison.Ordinal);
    }

    private enum Field
    {
        Literal,
        Year,
        Month,
        Day,
        Hour,
        Minute,
        Second,
        Fraction,
    }

    public string Pattern { get; }

    /// <summary>False for a time-of-day layout that needs a date from another column.</summary>
    public bool HasDate { get; }

    public static TimestampFormat Of(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return new TimestampFormat(pattern);
    }

    /// <summary>
    /// Reads the text as local milliseconds since the epoch (a date) or milliseconds of the day (a time-only layout).
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> text, out long milliseconds)
    {
        milliseconds = 0;
        if (Pattern == "unix-ms")
        {
            return Utf8Field.TryParseInt64(text, out milliseconds);
        }

        if (Pattern == "unix-s")
        {
            if (!Utf8Field.TryParseDouble(text, out double seconds) || !double.IsFinite(seconds))
            {
                return false;
            }

            milliseconds = (long)Math.Round(seconds * 1000.0);
            return true;
        }

        return _parts is null ? TryReadWithDotNet(text, out milliseconds) : TryReadFixed(text, out milliseconds);
    }

    private bool TryReadFixed(ReadOnlySpan<byte> text, out long milliseconds)
    {
        milliseconds = 0;
        if (text.Length != _length)
        {
            return false;
        }

        int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0;
        int position = 0;
        foreach (Part part in _parts!)
        {
            ReadOnlySpan<byte> piece = text.Slice(position, part.Width);
            position += part.Width;
            if (part.Field == Field.Literal)
            {
                if (piece[0] != part.Literal)
                {
                    return false;
                }

                continue;
            }

            if (!TryDigits(piece, out int value))
            {
                return false;
            }

            switch (part.Field)
            {
                case Field.Year: year = value; break;
                case Field.Month: month = value; break;
                case Field.Day: day = value; break;
                case Field.Hour: hour = value; break;
                case Field.Minute: minute = value; break;
                case Field.Second: second = value; break;
                case Field.Fraction: millisecond = ToMilliseconds(value, part.Width); break;
            }
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        milliseconds = HasDate
            ? UtcTime.FromParts(year, month, day, hour, minute, second, millisecond)
            : (hour * UtcTime.MsPerHour) + (minute * UtcTime.MsPerMinute) + (second * UtcTime.MsPerSecond) + millisecond;
        return true;
    }

    private bool TryReadWithDotNet(ReadOnlySpan<byte> text, out long milliseconds)
    {
        Span<char> chars = stackalloc char[128];
        if (text.Length > chars.Length || !Encoding.UTF8.TryGetChars(text, chars, out int length)
            || !DateTime.TryParseExact(chars[..length], Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime value))
        {
            milliseconds = 0;
            return false;
        }

        milliseconds = HasDate
            ? UtcTime.FromDateTime(DateTime.SpecifyKind(value, DateTimeKind.Unspecified))
            : value.TimeOfDay.Ticks / TimeSpan.TicksPerMillisecond;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> piece, out int value)
    {
        value = 0;
        foreach (byte b in piece)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static int ToMilliseconds(int fraction, int digits) => digits switch
    {
        1 => fraction * 100,
        2 => fraction * 10,
        3 => fraction,
        _ => fraction / (int)Math.Pow(10, digits - 3),
    };

    /// <summary>The fixed-width parts of the layout, or null when it needs the .NET parser.</summary>
    private static Part[]? Compile(string pattern, out int length)
    {
        var parts = new List<Part>();
        length = 0;
        for (int i = 0; i < pattern.Length;)
        {
            char c = pattern[i];
            int run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            Field field = (c, run) switch
            {
                ('y', 4) => Field.Year,
                ('M', 2) => Field.Month,
                ('d', 2) => Field.Day,
                ('H', 2) => Field.Hour,
                ('m', 2) => Field.Minute,
                ('s', 2) => Field.Second,
                ('f', >= 1 and <= 7) => Field.Fraction,
                _ when char.IsAsciiLetter(c) || c is '\'' or '"' or '\\' or '%' || c > 127 => (Field)(-1),
                _ => Field.Literal,
            };
            if ((int)field < 0)
            {
                length = 0;
                return null;
            }

            if (field == Field.Literal)
            {
                for (int k = 0; k < run; k++)
                {
                    parts.Add(new Part(Field.Literal, 1, (byte)c));
                }
            }
            else
            {
                parts.Add(new Part(field, run, 0));
            }

            length += run;
            i += run;
        }

        return [.. parts];
    }

    private readonly record struct Part(Field Field, int Width, byte Literal);
}
