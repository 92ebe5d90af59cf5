using System.Text;

namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>
/// A generated import file and what importing it must do: the lines (header first), the 1-based numbers of the bad
/// lines (each must be reported), how many data rows it has, and the records that must end up newly stored.
/// </summary>
public sealed class GeneratedFile<TRecord>
{
    private readonly List<byte[]> _lines = [];

    public HashSet<long> BadLines { get; } = [];

    public List<TRecord> ExpectedNew { get; } = [];

    public int DataRows { get; private set; }

    public int AlreadyStored { get; set; }

    public long LineCount => _lines.Count;

    public void AddHeader(string header) => _lines.Add(Encoding.UTF8.GetBytes(header));

    public void AddRow(string text, bool bad) => AddRow(Encoding.UTF8.GetBytes(text), bad);

    public void AddRow(byte[] text, bool bad)
    {
        _lines.Add(text);
        DataRows++;
        if (bad)
        {
            BadLines.Add(_lines.Count);
        }
    }

    public void AddBlank(string text) => _lines.Add(Encoding.UTF8.GetBytes(text));

    public void WriteTo(string path, bool crlf)
    {
        var newline = crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        using var file = File.Create(path);
        foreach (var line in _lines)
        {
            file.Write(line);
            file.Write(newline);
        }
    }
}
