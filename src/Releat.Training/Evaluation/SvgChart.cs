using System.Globalization;
using System.Net;
using System.Text;
using Releat.MarketData.Time;

namespace Releat.Training.Evaluation;

/// <summary>
/// A line chart as inline SVG (no script, no external file, so a report opens offline): series drawn against the
/// decision index (market closures take no width), value gridlines, date labels and a legend. Long series are thinned
/// to the minimum and maximum of each pixel column so spikes stay visible.
/// </summary>
public static class SvgChart
{
    private const int Left = 70, Right = 20, Top = 28, Bottom = 36;
    private static readonly double[] NiceSteps = [1, 2, 5, 10];

    public static string Render(string title, string unit, long[] times, IReadOnlyList<ChartSeries> series, int width = 1100, int height = 300)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(series);
        int plotWidth = width - Left - Right, plotHeight = height - Top - Bottom;
        double min = 0, max = 0;
        foreach (ChartSeries s in series)
        {
            foreach (double v in s.Values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (max - min < 1e-9)
        {
            max = min + 1;
        }

        double pad = (max - min) * 0.05;
        (min, max) = (min - pad, max + pad);
        int n = Math.Max(2, times.Length);
        double X(double i) => Left + (plotWidth * i / (n - 1));
        double Y(double v) => Top + (plotHeight * (max - v) / (max - min));

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>"));
        foreach (double tick in Ticks(min, max, 6))
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{Y(tick):F1}\" y2=\"{Y(tick):F1}\" stroke=\"{(tick == 0 ? "#888" : "#e4e4e4")}\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:F1}\" text-anchor=\"end\">{tick:0.##} {WebUtility.HtmlEncode(unit)}</text>"));
        }

        for (int k = 0; k <= 5 && times.Length > 0; k++)
        {
            int i = (int)((long)(times.Length - 1) * k / 5);
            string anchor = k == 0 ? "start" : k == 5 ? "end" : "middle";
            svg.Append(Invariant($"<text x=\"{X(i):F1}\" y=\"{height - 12}\" text-anchor=\"{anchor}\">{UtcTime.ToDateTime(times[i]):yyyy-MM-dd HH:mm}</text>"));
        }

        foreach (ChartSeries s in series)
        {
            string points = Points(s.Values, plotWidth, X, Y);
            svg.Append(s.Filled
                ? Invariant($"<polygon fill=\"{s.Colour}\" fill-opacity=\"0.35\" stroke=\"{s.Colour}\" points=\"{X(0):F1},{Y(0):F1} {points} {X(s.Values.Length - 1):F1},{Y(0):F1}\"/>")
                : Invariant($"<polyline fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"{(s == series[0] ? 2 : 1.3)}\" points=\"{points}\"/>"));
        }

        for (int i = 0; i < series.Count && series.Count > 1; i++)
        {
            double x = Left + 10 + (i * 150);
            svg.Append(Invariant($"<rect x=\"{x:F0}\" y=\"{Top + 4}\" width=\"14\" height=\"4\" fill=\"{series[i].Colour}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 18:F0}\" y=\"{Top + 10}\">{WebUtility.HtmlEncode(series[i].Name)}</text>"));
        }

        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#999\"/>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Points of a series, at most two (minimum and maximum) per pixel column.</summary>
    private static string Points(double[] values, int columns, Func<double, double> x, Func<double, double> y)
    {
        var points = new StringBuilder();
        int perColumn = Math.Max(1, values.Length / Math.Max(1, columns));
        for (int start = 0; start < values.Length; start += perColumn)
        {
            int end = Math.Min(values.Length, start + perColumn);
            int low = start, high = start;
            for (int i = start; i < end; i++)
            {
                low = values[i] < values[low] ? i : low;
                high = values[i] > values[high] ? i : high;
            }

            foreach (int i in low <= high ? new[] { low, high } : [high, low])
            {
                points.Append(Invariant($"{x(i):F1},{y(values[i]):F1} "));
            }
        }

        return points.ToString().TrimEnd();
    }

    /// <summary>About <paramref name="count"/> round gridline values covering [min, max] (1, 2 or 5 times a power of ten apart).</summary>
    private static IEnumerable<double> Ticks(double min, double max, int count)
    {
        double rough = (max - min) / count;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = NiceSteps.Select(m => m * power).First(s => s >= rough);
        for (double v = Math.Ceiling(min / step) * step; v <= max; v += step)
        {
            yield return Math.Abs(v) < step * 1e-9 ? 0 : v;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
