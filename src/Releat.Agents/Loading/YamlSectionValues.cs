using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Releat.Agents.Loading;

/// <summary>
/// Typed values of a <see cref="YamlSection"/>: numbers with ranges, booleans, durations, UTC dates and enums. A
/// malformed or out-of-range value is reported once, at its own line, and a harmless default is returned.
/// </summary>
internal static class YamlSectionValues
{
    public static int Int(this YamlSection section, string key, int? fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        long value = section.Long(key, fallback, min, max);
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }

    public static long Long(this YamlSection section, string key, long? fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        YamlScalarNode? scalar = section.Scalar(key, "a whole number");
        if (scalar is null)
        {
            return section.Fallback(key, fallback) ?? 0;
        }

        string text = scalar.Value!.Replace("_", "", StringComparison.Ordinal);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            section.ErrorAt(scalar, section.FieldPath(key), $"'{scalar.Value}' is not a whole number");
            return fallback ?? 0;
        }

        if (value < min || value > max)
        {
            section.ErrorAt(scalar, section.FieldPath(key), $"{value} is out of range {YamlSection.Range(min, max)}");
        }

        return value;
    }

    public static double Double(this YamlSection section, string key, double? fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        // A malformed value is reported by OptionalDouble; only an absent one can be "missing".
        YamlNode? node = section.Value(key);
        double? value = section.OptionalDouble(key, min, max);
        return value ?? section.Fallback(key, node is null ? fallback : 0) ?? 0;
    }

    /// <summary>A number strictly greater than zero (sizes, rates, limits).</summary>
    public static double PositiveDouble(this YamlSection section, string key, double? fallback)
    {
        YamlNode? node = section.Value(key);
        double? value = section.OptionalDouble(key);
        if (value is null)
        {
            return section.Fallback(key, node is null ? fallback : 0) ?? 0;
        }

        if (value <= 0)
        {
            section.ErrorAt(node!, section.FieldPath(key), "must be greater than 0");
        }

        return value.Value;
    }

    public static TimeSpan PositiveDuration(this YamlSection section, string key, TimeSpan? fallback)
    {
        YamlNode? node = section.Value(key);
        TimeSpan? value = section.OptionalDuration(key);
        if (value is null)
        {
            return section.Fallback(key, node is null ? fallback : TimeSpan.Zero) ?? TimeSpan.Zero;
        }

        if (value <= TimeSpan.Zero)
        {
            section.ErrorAt(node!, section.FieldPath(key), "must be longer than 0");
        }

        return value.Value;
    }

    public static double? OptionalDouble(this YamlSection section, string key, double min = double.MinValue, double max = double.MaxValue)
    {
        YamlScalarNode? scalar = section.Scalar(key, "a number");
        if (scalar is null)
        {
            return null;
        }

        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
        {
            section.ErrorAt(scalar, section.FieldPath(key), $"'{scalar.Value}' is not a number");
            return null;
        }

        if (value < min || value > max)
        {
            section.ErrorAt(scalar, section.FieldPath(key), $"{value.ToString(CultureInfo.InvariantCulture)} is out of range {YamlSection.Range(min, max)}");
        }

        return value;
    }

    public static bool Bool(this YamlSection section, string key, bool fallback)
    {
        YamlScalarNode? scalar = section.Scalar(key, "true or false");
        if (scalar is null)
        {
            section.Defaulted(key, fallback);
            return fallback;
        }

        switch (scalar.Value)
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                section.ErrorAt(scalar, section.FieldPath(key), $"'{scalar.Value}' is not true or false");
                return fallback;
        }
    }

    public static TimeSpan Duration(this YamlSection section, string key, TimeSpan? fallback)
    {
        YamlNode? node = section.Value(key);
        return section.OptionalDuration(key) ?? section.Fallback(key, node is null ? fallback : TimeSpan.Zero) ?? TimeSpan.Zero;
    }

    /// <summary>The duration, or null when absent or malformed (the latter already reported).</summary>
    public static TimeSpan? OptionalDuration(this YamlSection section, string key)
    {
        YamlScalarNode? scalar = section.Scalar(key, "a duration such as 10s, 5m or 1h");
        if (scalar is null)
        {
            return null;
        }

        if (!DurationText.TryParse(scalar.Value!, out TimeSpan value))
        {
            section.ErrorAt(scalar, section.FieldPath(key), $"'{scalar.Value}' is not a duration (write a whole number and a unit: 250ms, 10s, 5m, 1h, 1d)");
            return null;
        }

        return value;
    }

    /// <summary>A UTC date ("2024-01-31") or date and time ("2024-01-31T12:00:00Z") as UTC milliseconds.</summary>
    public static long DateMs(this YamlSection section, string key)
    {
        YamlScalarNode? scalar = section.Scalar(key, "a UTC date such as 2024-01-31");
        if (scalar is null)
        {
            section.Missing(key);
            return 0;
        }

        if (UtcDateText.TryParse(scalar.Value!, out long ms))
        {
            return ms;
        }

        section.ErrorAt(scalar, section.FieldPath(key), $"'{scalar.Value}' is not a UTC date (2024-01-31) or time (2024-01-31T12:00:00Z)");
        return 0;
    }

    public static TEnum Enum<TEnum>(this YamlSection section, string key, TEnum? fallback)
        where TEnum : struct, System.Enum
    {
        YamlScalarNode? scalar = section.Scalar(key, "one of " + EnumText.Choices<TEnum>());
        if (scalar is null)
        {
            return section.Fallback(key, fallback) ?? default;
        }

        if (EnumText.TryParse(scalar.Value!, out TEnum value))
        {
            return value;
        }

        section.ErrorAt(scalar, section.FieldPath(key), $"'{scalar.Value}' is not one of {EnumText.Choices<TEnum>()}");
        return fallback ?? default;
    }
}
