using System.Globalization;
using System.Text;

namespace Releat.MarketData.Import;

/// <summary>Reading one field of a row: trimming, numbers, and showing it in an error message.</summary>
internal static class Utf8Field
{
    private const long MaxExactMantissa = 1L << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Without surrounding spaces and double quotes.</summary>
    public static ReadOnlySpan<byte> Clean(ReadOnlySpan<byte> field)
    {
        field = field.Trim((byte)' ');
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"')
        {
            field = field[1..^1].Trim((byte)' ');
        }

        return field;
    }

    /// <summary>
    /// Parses a decimal number. Plain "123.45678" with at most 15-16 significant digits takes a fast path: the
    /// digits as an integer divided by a power of ten, both exact, so the one rounding of the division gives the
    /// same double as a full parser. Anything else (exponents, NaN, very long digits) goes to double.TryParse.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        bool seenPoint = false;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
                if (seenPoint)
                {
                    fractionDigits++;
                }

                if (mantissa > MaxExactMantissa || fractionDigits >= PowersOfTen.Length)
                {
                    return ParseSlow(text, out value);
                }
            }
            else if (text[i] == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return ParseSlow(text, out value);
            }
        }

        if (digits == 0)
        {
            value = 0;
            return false;
        }

        value = mantissa / PowersOfTen[fractionDigits];
        value = negative ? -value : value;
        return true;
    }

    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>The field as text for an error message, shortened if long.</summary>
    public static string Show(ReadOnlySpan<byte> field)
    {
        const int MaxShown = 40;
        string text = Encoding.UTF8.GetString(field.Length > MaxShown ? field[..MaxShown] : field);
        return field.Length > MaxShown ? text + "..." : text;
    }

    private static bool ParseSlow(ReadOnlySpan<byte> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
