using System.Text;

namespace Releat.Prometheus;

/// <summary>
/// Turns OpenTelemetry-style instrument names and units into Prometheus metric names, and escapes label values,
/// following the Prometheus text exposition format 0.0.4 and OpenTelemetry's Prometheus compatibility rules.
/// </summary>
public static class PrometheusNaming
{
    /// <summary>"grpc.server.duration" with unit "s" becomes "grpc_server_duration_seconds".</summary>
    public static string MetricName(string instrumentName, string? unit)
    {
        var name = SanitizeName(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name = name + "_" + suffix;
        }

        return name;
    }

    /// <summary>
    /// Gauges may not end in a suffix that Prometheus reserves for histogram and summary series (promtool's lint
    /// rejects "dotnet_assembly_count" as a gauge), so such names get "_value" appended.
    /// </summary>
    public static string GaugeName(string metricName) =>
        metricName.EndsWith("_count", StringComparison.Ordinal) || metricName.EndsWith("_sum", StringComparison.Ordinal)
            || metricName.EndsWith("_bucket", StringComparison.Ordinal)
            ? metricName + "_value"
            : metricName;

    /// <summary>Replaces every character Prometheus does not allow in a label name with an underscore.</summary>
    public static string LabelName(string tagKey) => SanitizeName(tagKey, allowColon: false);

    /// <summary>Escapes backslash, double quote and line feed, as label values require.</summary>
    public static void AppendLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': output.Append("\\\\"); break;
                case '"': output.Append("\\\""); break;
                case '\n': output.Append("\\n"); break;
                default: output.Append(c); break;
            }
        }
    }

    /// <summary>
    /// The HELP text: the instrument's description with backslash and line feed escaped, or its name when it has no
    /// description (promtool rejects an empty HELP).
    /// </summary>
    public static string HelpText(string? description, string instrumentName) =>
        (string.IsNullOrWhiteSpace(description) ? instrumentName : description).Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => string.Empty,
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ when unit.StartsWith('{') => string.Empty, // annotations like {call} carry no unit
        _ => SanitizeName(unit, allowColon: false),
    };

    private static string SanitizeName(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            builder.Append(valid ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
