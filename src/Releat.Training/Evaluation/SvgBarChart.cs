using System.Globalization;
using System.Net;
using System.Text;

namespace Releat.Training.Evaluation;

/// <summary>
/// A horizontal bar chart as inline SVG (no script, no external file, like <see cref="SvgChart"/>): one row per label,
/// a bar of stacked segments from zero (negative values to the left) and dots over it, e.g. each seed's result over
/// the mean of all, or a policy's costs split into spread and commission.
/// </summary>
public static class SvgBarChart
{
    private const int Left = 130, Right = 30, Top = 30, RowHeight = 24, Bottom = 46;

    public static string Render(string title, string unit, IReadOnlyList<BarChartRow> rows, IReadOnlyList<(string Name, string Colour)> segments, int width = 700)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(segments);
        double min = 0, max = 0;
        foreach (BarChartRow row in rows)
        {
            double sum = 0;
            foreach (double v in row.Segments)
            {
                sum += v;
                min = Math.Min(min, sum);
                max = Math.Max(max, sum);
            }

            foreach (double d in row.Dots)
            {
                min = Math.Min(min, d);
                max = Math.Max(max, d);
            }
        }

        if (max - min < 1e-9)
        {
            max = min + 1;
        }

        int plotWidth = width - Left - Right;
        int height = Top + (rows.Count * RowHeight) + Bottom;
        double X(double v) => Left + (plotWidth * (v - min) / (max - min));
        var svg = new StringBuilder(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{Encode(title)}</text>"));
        for (int i = 0; i < rows.Count; i++)
        {
            BarChartRow row = rows[i];
            double y = Top + (i * RowHeight);
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{y + 15:F1}\" text-anchor=\"end\">{Encode(row.Label)}</text>"));
            double from = 0;
            for (int s = 0; s < row.Segments.Count; s++)
            {
                double to = from + row.Segments[s];
                double x0 = X(Math.Min(from, to)), x1 = X(Math.Max(from, to));
                svg.Append(Invariant($"<rect x=\"{x0:F1}\" y=\"{y + 4:F1}\" width=\"{Math.Max(0.5, x1 - x0):F1}\" height=\"{RowHeight - 8}\" fill=\"{segments[s % segments.Count].Colour}\"/>"));
                from = to;
            }

            foreach (double d in row.Dots)
            {
                svg.Append(Invariant($"<circle cx=\"{X(d):F1}\" cy=\"{y + (RowHeight / 2.0):F1}\" r=\"3.5\" fill=\"#222\" fill-opacity=\"0.75\"/>"));
            }
        }

        double axis = Top + (rows.Count * RowHeight);
        svg.Append(Invariant($"<line x1=\"{X(0):F1}\" x2=\"{X(0):F1}\" y1=\"{Top}\" y2=\"{axis}\" stroke=\"#888\"/>"));
        foreach (double v in new[] { min, 0, max }.Distinct())
        {
            svg.Append(Invariant($"<text x=\"{X(v):F1}\" y=\"{axis + 16}\" text-anchor=\"middle\">{v:0.#} {Encode(unit)}</text>"));
        }

        for (int s = 0; s < segments.Count && segments.Count > 1; s++)
        {
            double x = Left + (s * 130);
            svg.Append(Invariant($"<rect x=\"{x:F0}\" y=\"{height - 10}\" width=\"14\" height=\"6\" fill=\"{segments[s].Colour}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 18:F0}\" y=\"{height - 3}\">{Encode(segments[s].Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
