using System.Globalization;

namespace Releat.Testing;

/// <summary>
/// Reads samples out of Prometheus text as a /metrics scrape returns it. A series without labels may be written
/// <c>name 3</c> or <c>name{} 3</c> (OpenTelemetry's exporter writes the braces): both are found by its bare name.
/// </summary>
public static class MetricsText
{
    /// <summary>
    /// The value of one series, given as the exposition spells it (<c>releat_trader_orders_total{result="filled"}</c>,
    /// labels in alphabetical order) or as a bare name for a series without labels; null when it is not there.
    /// </summary>
    public static double? Value(string exposition, string series)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentNullException.ThrowIfNull(series);
        var wanted = series.EndsWith("{}", StringComparison.Ordinal) ? series[..^2] : series;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var name = line[..space];
            if (name.EndsWith("{}", StringComparison.Ordinal))
            {
                name = name[..^2];
            }

            if (name == wanted)
            {
                return double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>Every metric family the text declares, with its type (counter, gauge, histogram...).</summary>
    public static Dictionary<string, string> Families(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var families = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            var parts = line.Split(' ', 4);
            if (parts is ["#", "TYPE", var name, var type])
            {
                families[name] = type;
            }
        }

        return families;
    }
}
