using System.Net;
using System.Text;

namespace Releat.Training.Evaluation;

/// <summary>
/// One table of an HTML report: a header row, then rows of cells. Every report's tables are written through it, so
/// the markup, the encoding of text and the colouring of a cell (good, bad) live in one place.
/// </summary>
internal sealed class HtmlTable
{
    private readonly StringBuilder _html = new("<table><tr>");

    public HtmlTable(params string[] headers)
    {
        foreach (string header in headers)
        {
            _html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }

        _html.Append("</tr>");
    }

    public HtmlTable Row(params HtmlCell[] cells)
    {
        _html.Append("<tr>");
        foreach (HtmlCell cell in cells)
        {
            _html.Append(cell.Class is { Length: > 0 } cls ? $"<td class=\"{cls}\">" : "<td>")
                .Append(WebUtility.HtmlEncode(cell.Text)).Append("</td>");
        }

        _html.Append("</tr>");
        return this;
    }

    public override string ToString() => _html + "</table>";
}

/// <summary>A table cell: its text (encoded when written) and the style class that colours or aligns it, if any.</summary>
internal readonly record struct HtmlCell(string Text, string? Class = null)
{
    /// <summary>Green for a result at or above zero, red below.</summary>
    public static HtmlCell Signed(double value, string text) => new(text, value >= 0 ? "good" : "bad");

    /// <summary>Green when the check passed, red when it did not.</summary>
    public static HtmlCell Passed(bool passed, string text) => new(text, passed ? "good" : "bad");

    public static implicit operator HtmlCell(string text) => FromString(text);

    public static HtmlCell FromString(string text) => new(text);
}
