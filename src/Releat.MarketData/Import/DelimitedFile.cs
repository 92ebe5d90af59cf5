using System.Text;

namespace Releat.MarketData.Import;

/// <summary>
/// The part every importer shares: read a header, then data rows split on a separator byte, skipping blank lines,
/// reporting progress and honouring cancellation every <see cref="ImportOptions.ProgressEveryLines"/> lines.
/// </summary>
internal sealed class DelimitedFile : IDisposable
{
    private readonly Utf8LineReader _lines;
    private readonly byte _separator;
    private readonly ImportTally _tally;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly int _reportEvery;
    private int _untilReport;

    public DelimitedFile(
        string path,
        char separator,
        ImportTally tally,
        ImportOptions options,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file to import", path);
        }

        _lines = new Utf8LineReader(path);
        _separator = checked((byte)separator);
        _tally = tally;
        _progress = progress;
        _cancellation = cancellation;
        _reportEvery = Math.Max(1, options.ProgressEveryLines);
        _untilReport = _reportEvery;
        Path = path;
    }

    public string Path { get; }

    public long LineNumber => _lines.LineNumber;

    /// <summary>The first non-blank line split into trimmed column names.</summary>
    public string[] ReadHeader()
    {
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (!line.Trim((byte)' ').IsEmpty)
            {
                return Encoding.UTF8.GetString(line).Split((char)_separator).Select(c => c.Trim().Trim('"')).ToArray();
            }
        }

        throw new ImportFormatException(Path, Math.Max(1, LineNumber), "the file is empty: no header line");
    }

    /// <summary>Reads the header and throws, naming file and line, unless it is exactly the expected columns.</summary>
    public void RequireHeader(IReadOnlyList<string> expected)
    {
        string[] actual = ReadHeader();
        if (!actual.SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
        {
            throw new ImportFormatException(
                Path,
                LineNumber,
                $"header is '{string.Join((char)_separator, actual)}', expected '{string.Join((char)_separator, expected)}'");
        }
    }

    /// <summary>
    /// The next data row. <paramref name="fields"/> receives the field ranges; <paramref name="fieldCount"/> is
    /// fields.Length + 1 or more when the row has too many fields.
    /// </summary>
    public bool TryReadRow(Span<Range> fields, out ReadOnlySpan<byte> line, out int fieldCount)
    {
        while (_lines.TryReadLine(out line))
        {
            if (--_untilReport == 0)
            {
                _untilReport = _reportEvery;
                _cancellation.ThrowIfCancellationRequested();
                ReportProgress();
            }

            if (line.IsEmpty || line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            _tally.Rows++;
            fieldCount = Split(line, _separator, fields);
            return true;
        }

        fieldCount = 0;
        return false;
    }

    public void ReportProgress() =>
        _progress?.Report(new ImportProgress(
            Path, _lines.BytesRead, _lines.TotalBytes, _lines.LineNumber, _tally.Stored, _tally.Skipped));

    public void Dispose() => _lines.Dispose();

    /// <summary>Splits on the separator; returns the true field count even when it exceeds the span.</summary>
    private static int Split(ReadOnlySpan<byte> line, byte separator, Span<Range> fields)
    {
        int count = 0;
        int start = 0;
        while (true)
        {
            int next = line[start..].IndexOf(separator);
            int end = next < 0 ? line.Length : start + next;
            if (count < fields.Length)
            {
                fields[count] = new Range(start, end);
            }

            count++;
            if (next < 0)
            {
                return count;
            }

            start = end + 1;
        }
    }
}
