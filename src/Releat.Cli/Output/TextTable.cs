namespace Releat.Cli.Output;

/// <summary>
/// A plain-text table that fits a width: short headers, numbers right-aligned and never wrapped, and when the
/// columns do not all fit, the least important are left out and named below (the HTML report has them all).
/// Plain ASCII, so it reads the same in a terminal, a pipe and a log file.
/// </summary>
internal sealed class TextTable
{
    private const string Gap = "  ";
    private readonly List<(string Header, bool Right, int Keep)> _columns = [];
    private readonly List<string[]> _rows = [];

    /// <param name="keep">Importance: when the table is too wide, the column with the lowest is left out first.</param>
    public TextTable Column(string header, bool right = true, int keep = 0)
    {
        _columns.Add((header, right, keep));
        return this;
    }

    public TextTable Row(params string[] cells)
    {
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_columns.Count} columns", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <summary>The lines of the table at most <paramref name="width"/> wide, then a note of the columns left out.</summary>
    public IReadOnlyList<string> Render(int width)
    {
        var shown = Enumerable.Range(0, _columns.Count).ToList();
        int[] widths = [.. Enumerable.Range(0, _columns.Count).Select(c => _rows.Select(r => r[c].Length).Append(_columns[c].Header.Length).Max())];
        int Total() => shown.Sum(c => widths[c]) + (Gap.Length * (shown.Count - 1));
        var dropped = new List<string>();
        while (shown.Count > 1 && Total() > width)
        {
            int least = shown.OrderBy(c => _columns[c].Keep).ThenByDescending(c => c).First();
            shown.Remove(least);
            dropped.Add(_columns[least].Header);
        }

        var lines = new List<string>
        {
            Line(shown.Select(c => Pad(_columns[c].Header, widths[c], _columns[c].Right))),
            Line(shown.Select(c => new string('-', widths[c]))),
        };
        lines.AddRange(_rows.Select(row => Line(shown.Select(c => Pad(row[c], widths[c], _columns[c].Right)))));
        if (dropped.Count > 0)
        {
            lines.AddRange(TextWrap.Lines($"not shown at this width: {string.Join(", ", dropped)}", width));
        }

        return lines;
    }

    public void WriteTo(TextWriter writer, int width)
    {
        foreach (string line in Render(width))
        {
            writer.WriteLine(line);
        }
    }

    private static string Line(IEnumerable<string> cells) => string.Join(Gap, cells).TrimEnd();

    private static string Pad(string text, int width, bool right) => right ? text.PadLeft(width) : text.PadRight(width);
}
