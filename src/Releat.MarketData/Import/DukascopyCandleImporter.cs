using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// Imports Dukascopy's candle CSV: header <c>Time,Open,High,Low,Close,Volume</c> (the first column may also be
/// named "Gmt time" or "Local time"), times dd.MM.yyyy HH:mm:ss.fff. A Dukascopy file is either bid or ask
/// prices (the download says which); the volume is its real volume and there is no spread column.
/// </summary>
public sealed class DukascopyCandleImporter(ImportOptions? options = null)
{
    private const int Columns = 6;

    private static readonly string[] NumberColumns = ["Open", "High", "Low", "Close", "Volume"];
    private static readonly TimestampFormat TimeFormat = TimestampFormat.Of("dd.MM.yyyy HH:mm:ss.fff");

    private readonly ImportOptions _options = options ?? ImportOptions.Default;

    public ImportReport Import(
        string path,
        CandleWriter destination,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var tally = new ImportTally(path, _options.MaxErrorsKept);
        var zone = new SourceTimeZone(_options.TimeZoneId);
        var admission = new CandleAdmission(destination, tally);
        using var file = new DelimitedFile(path, ',', tally, _options, progress, cancellationToken);
        CheckHeader(file.ReadHeader(), path, file.LineNumber);

        Span<Range> fields = stackalloc Range[Columns + 1];
        Span<double> values = stackalloc double[5];
        while (file.TryReadRow(fields, out ReadOnlySpan<byte> line, out int count))
        {
            long lineNumber = file.LineNumber;
            if (count != Columns)
            {
                tally.Reject(lineNumber, RejectReason.WrongColumnCount, $"expected {Columns} comma-separated fields, found {count}");
                continue;
            }

            ReadOnlySpan<byte> time = Utf8Field.Clean(line[fields[0]]);
            if (!TimeFormat.TryRead(time, out long localMs))
            {
                tally.Reject(lineNumber, RejectReason.BadDate, $"Time '{Utf8Field.Show(time)}' is not dd.MM.yyyy HH:mm:ss.fff");
                continue;
            }

            if (!zone.TryToUtc(localMs, out long timeMs))
            {
                tally.Reject(lineNumber, RejectReason.BadDate, string.Create(CultureInfo.InvariantCulture,
                    $"{UtcTime.Format(localMs)} does not exist in {zone.Name} (clocks moved forward)"));
                continue;
            }

            string? numberProblem = null;
            for (int i = 0; i < values.Length && numberProblem is null; i++)
            {
                ReadOnlySpan<byte> field = Utf8Field.Clean(line[fields[1 + i]]);
                if (!Utf8Field.TryParseDouble(field, out values[i]))
                {
                    numberProblem = $"{NumberColumns[i]} '{Utf8Field.Show(field)}' is not a number";
                }
            }

            if (numberProblem is not null)
            {
                tally.Reject(lineNumber, RejectReason.BadNumber, numberProblem);
                continue;
            }

            admission.Admit(new Candle(timeMs, values[0], values[1], values[2], values[3], 0, values[4], 0), lineNumber);
        }

        file.ReportProgress();
        return tally.ToReport();
    }

    private static void CheckHeader(string[] header, string path, long line)
    {
        bool timeColumn = header.Length > 0
            && (header[0].Equals("Time", StringComparison.OrdinalIgnoreCase)
                || header[0].StartsWith("Gmt time", StringComparison.OrdinalIgnoreCase)
                || header[0].StartsWith("Local time", StringComparison.OrdinalIgnoreCase)
                || header[0].StartsWith("Time (", StringComparison.OrdinalIgnoreCase));
        if (!timeColumn || header.Length != Columns || !header.Skip(1).SequenceEqual(NumberColumns, StringComparer.OrdinalIgnoreCase))
        {
            throw new ImportFormatException(path, line, $"header is '{string.Join(',', header)}', expected 'Time,Open,High,Low,Close,Volume'");
        }
    }
}
