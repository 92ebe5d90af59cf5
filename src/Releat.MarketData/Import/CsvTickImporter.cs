using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// Imports ticks from any delimited text file described by a <see cref="CsvTickMapping"/>. Times are converted
/// to UTC from <see cref="ImportOptions.TimeZoneId"/>; flags say which of bid and ask changed.
/// </summary>
public sealed class CsvTickImporter
{
    private const int MaxColumns = 64;

    private readonly CsvTickMapping _mapping;
    private readonly SymbolSpec _symbol;
    private readonly ImportOptions _options;
    private readonly TimestampFormat _timeFormat;

    public CsvTickImporter(CsvTickMapping mapping, SymbolSpec symbol, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(symbol);
        mapping.Validate();
        _mapping = mapping;
        _symbol = symbol;
        _options = options ?? ImportOptions.Default;
        _timeFormat = TimestampFormat.Of(mapping.TimeFormat);
        if (!_timeFormat.HasDate)
        {
            throw new ArgumentException(
                $"time format '{mapping.TimeFormat}' has no date (no 'yyyy'); with a separate Date column give the layout of \"date time\"",
                nameof(mapping));
        }
    }

    public ImportReport Import(
        string path,
        TickWriter destination,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var tally = new ImportTally(path, _options.MaxErrorsKept);
        var zone = new SourceTimeZone(_options.TimeZoneId);
        var admission = new TickAdmission(destination, tally);
        using var file = new DelimitedFile(path, _mapping.Separator, tally, _options, progress, cancellationToken);
        string[]? header = _mapping.HasHeader ? file.ReadHeader() : null;
        ColumnIndexes columns = Resolve(header, path, file.LineNumber);

        Span<Range> fields = stackalloc Range[MaxColumns];
        Span<byte> joined = stackalloc byte[128];
        while (file.TryReadRow(fields, out ReadOnlySpan<byte> line, out int count))
        {
            long lineNumber = file.LineNumber;
            if (header is not null ? count != header.Length : count < columns.Minimum || count > MaxColumns)
            {
                string expected = header is not null ? $"{header.Length}" : $"{columns.Minimum} to {MaxColumns}";
                tally.Reject(lineNumber, RejectReason.WrongColumnCount, $"expected {expected} fields, found {count}");
                continue;
            }

            ReadOnlySpan<byte> timeText = Utf8Field.Clean(line[fields[columns.Time]]);
            if (columns.Date >= 0)
            {
                ReadOnlySpan<byte> dateText = Utf8Field.Clean(line[fields[columns.Date]]);
                int length = dateText.Length + 1 + timeText.Length;
                if (length > joined.Length)
                {
                    tally.Reject(lineNumber, RejectReason.BadDate, "date and time are too long");
                    continue;
                }

                dateText.CopyTo(joined);
                joined[dateText.Length] = (byte)' ';
                timeText.CopyTo(joined[(dateText.Length + 1)..]);
                timeText = joined[..length];
            }

            if (!_timeFormat.TryRead(timeText, out long localMs))
            {
                tally.Reject(lineNumber, RejectReason.BadDate, $"'{Utf8Field.Show(timeText)}' does not match '{_mapping.TimeFormat}'");
                continue;
            }

            if (!zone.TryToUtc(localMs, out long timeMs))
            {
                tally.Reject(lineNumber, RejectReason.BadDate, string.Create(CultureInfo.InvariantCulture,
                    $"{UtcTime.Format(localMs)} does not exist in {zone.Name} (clocks moved forward)"));
                continue;
            }

            double bid;
            double ask;
            double volume = 0;
            string? problem;
            if (columns.Price >= 0)
            {
                double spreadPoints = _mapping.DefaultSpreadPoints;
                problem = Number(line, fields, columns.Price, header, out bid)
                    ?? (columns.Spread >= 0 ? Number(line, fields, columns.Spread, header, out spreadPoints) : null);
                ask = bid + _symbol.PointsToPrice(spreadPoints);
            }
            else
            {
                ask = 0;
                problem = Number(line, fields, columns.Bid, header, out bid) ?? Number(line, fields, columns.Ask, header, out ask);
            }

            if (problem is null && columns.Volume >= 0)
            {
                problem = Number(line, fields, columns.Volume, header, out volume);
            }

            if (problem is not null)
            {
                tally.Reject(lineNumber, RejectReason.BadNumber, problem);
                continue;
            }

            Tick previous = admission.Previous;
            // A CSV has no flags: they say which side changed since the previous row. A row repeating the previous
            // one (same time and quote) keeps its flags, so admission sees the repeat and rejects it as a duplicate.
            TickFlags flags = !admission.HasPrevious
                ? TickFlags.Bid | TickFlags.Ask
                : timeMs == previous.TimeMs && bid == previous.Bid && ask == previous.Ask
                    ? previous.Flags
                    : (bid != previous.Bid ? TickFlags.Bid : 0) | (ask != previous.Ask ? TickFlags.Ask : 0);
            admission.Admit(new Tick(timeMs, bid, ask, 0, volume, flags), lineNumber);
        }

        file.ReportProgress();
        return tally.ToReport();
    }

    private static string? Number(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields, int column, string[]? header, out double value)
    {
        ReadOnlySpan<byte> field = Utf8Field.Clean(line[fields[column]]);
        return Utf8Field.TryParseDouble(field, out value)
            ? null
            : $"{(header is null ? $"column {column}" : header[column])} '{Utf8Field.Show(field)}' is not a number";
    }

    private ColumnIndexes Resolve(string[]? header, string path, long line)
    {
        int Index(CsvColumn? column)
        {
            if (column is null)
            {
                return -1;
            }

            CsvColumn c = column.Value;
            if (c.Name is null)
            {
                return c.Index < MaxColumns
                    ? c.Index
                    : throw new ImportFormatException(path, line, $"column {c.Index} is beyond the {MaxColumns} columns supported");
            }

            int found = Array.FindIndex(header!, h => h.Equals(c.Name, StringComparison.OrdinalIgnoreCase));
            return found >= 0
                ? found
                : throw new ImportFormatException(path, line, $"no column named '{c.Name}'; the header has {string.Join(", ", header!)}");
        }

        var indexes = new ColumnIndexes(
            Index(_mapping.Time), Index(_mapping.Date), Index(_mapping.Bid), Index(_mapping.Ask),
            Index(_mapping.Price), Index(_mapping.SpreadPoints), Index(_mapping.Volume), 0);
        return indexes with
        {
            Minimum = Math.Max(indexes.Time, Math.Max(indexes.Date, Math.Max(indexes.Bid, Math.Max(indexes.Ask,
                Math.Max(indexes.Price, Math.Max(indexes.Spread, indexes.Volume)))))) + 1,
        };
    }

    /// <summary>
    /// Column positions, -1 for unmapped. With a header a good row has exactly the header's fields; without one it
    /// needs at least <see cref="Minimum"/> (the highest mapped position + 1).
    /// </summary>
    private readonly record struct ColumnIndexes(int Time, int Date, int Bid, int Ask, int Price, int Spread, int Volume, int Minimum);
}
