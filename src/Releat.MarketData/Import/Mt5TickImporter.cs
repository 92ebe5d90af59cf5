using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// Imports MT5's tick export: tab-separated, header <c>&lt;DATE&gt; &lt;TIME&gt; &lt;BID&gt; &lt;ASK&gt; &lt;LAST&gt;
/// &lt;VOLUME&gt; &lt;FLAGS&gt;</c>, dates yyyy.MM.dd, times HH:mm:ss.fff. MT5 leaves a field blank when it did not
/// change, so a blank bid, ask or last repeats the previous tick's value; a blank volume is 0 and blank flags are
/// derived from which prices are present.
/// </summary>
public sealed class Mt5TickImporter(ImportOptions? options = null)
{
    private const int Columns = 7;

    private static readonly string[] Header = ["<DATE>", "<TIME>", "<BID>", "<ASK>", "<LAST>", "<VOLUME>", "<FLAGS>"];
    private static readonly TimestampFormat DateFormat = TimestampFormat.Of("yyyy.MM.dd");
    private static readonly TimestampFormat TimeFormat = TimestampFormat.Of("HH:mm:ss.fff");

    private readonly ImportOptions _options = options ?? ImportOptions.Default;

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
        using var file = new DelimitedFile(path, '\t', tally, _options, progress, cancellationToken);
        file.RequireHeader(Header);

        Span<Range> fields = stackalloc Range[Columns + 1];
        while (file.TryReadRow(fields, out ReadOnlySpan<byte> line, out int count))
        {
            long lineNumber = file.LineNumber;
            if (count != Columns)
            {
                tally.Reject(lineNumber, RejectReason.WrongColumnCount, $"expected {Columns} tab-separated fields, found {count}");
                continue;
            }

            if (!TryReadTime(line[fields[0]], line[fields[1]], zone, out long timeMs, out string? timeProblem))
            {
                tally.Reject(lineNumber, RejectReason.BadDate, timeProblem!);
                continue;
            }

            Tick previous = admission.Previous;
            if (!TryPrice(line[fields[2]], previous.Bid, out double bid, out bool hasBid)
                || !TryPrice(line[fields[3]], previous.Ask, out double ask, out bool hasAsk)
                || !TryPrice(line[fields[4]], previous.Last, out double last, out bool hasLast)
                || !TryPrice(line[fields[5]], 0, out double volume, out bool hasVolume))
            {
                tally.Reject(lineNumber, RejectReason.BadNumber, BadNumberDetail(line, fields));
                continue;
            }

            ReadOnlySpan<byte> flagsField = Utf8Field.Clean(line[fields[6]]);
            TickFlags flags;
            if (flagsField.IsEmpty)
            {
                flags = (hasBid ? TickFlags.Bid : 0) | (hasAsk ? TickFlags.Ask : 0)
                    | (hasLast ? TickFlags.Last : 0) | (hasVolume ? TickFlags.Volume : 0);
            }
            else if (Utf8Field.TryParseInt64(flagsField, out long flagBits) && flagBits is >= 0 and <= ushort.MaxValue)
            {
                flags = (TickFlags)flagBits;
            }
            else
            {
                tally.Reject(lineNumber, RejectReason.BadNumber, $"<FLAGS> '{Utf8Field.Show(flagsField)}' is not a flag value 0..65535");
                continue;
            }

            admission.Admit(new Tick(timeMs, bid, ask, last, volume, flags), lineNumber);
        }

        file.ReportProgress();
        return tally.ToReport();
    }

    /// <summary>A blank field repeats <paramref name="previous"/>.</summary>
    private static bool TryPrice(ReadOnlySpan<byte> field, double previous, out double value, out bool present)
    {
        field = Utf8Field.Clean(field);
        present = !field.IsEmpty;
        if (!present)
        {
            value = previous;
            return true;
        }

        return Utf8Field.TryParseDouble(field, out value);
    }

    private static string BadNumberDetail(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields)
    {
        for (int i = 2; i <= 5; i++)
        {
            ReadOnlySpan<byte> field = Utf8Field.Clean(line[fields[i]]);
            if (!field.IsEmpty && !Utf8Field.TryParseDouble(field, out _))
            {
                return $"{Header[i]} '{Utf8Field.Show(field)}' is not a number";
            }
        }

        return "a number field does not parse";
    }

    internal static bool TryReadTime(
        ReadOnlySpan<byte> dateField, ReadOnlySpan<byte> timeField, SourceTimeZone zone, out long utcMs, out string? problem)
    {
        utcMs = 0;
        dateField = Utf8Field.Clean(dateField);
        timeField = Utf8Field.Clean(timeField);
        if (!DateFormat.TryRead(dateField, out long dayMs))
        {
            problem = $"<DATE> '{Utf8Field.Show(dateField)}' is not a date yyyy.MM.dd";
            return false;
        }

        if (!TimeFormat.TryRead(timeField, out long msOfDay))
        {
            problem = $"<TIME> '{Utf8Field.Show(timeField)}' is not a time HH:mm:ss.fff";
            return false;
        }

        if (!zone.TryToUtc(dayMs + msOfDay, out utcMs))
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"{UtcTime.Format(dayMs + msOfDay)} does not exist in {zone.Name} (clocks moved forward)");
            return false;
        }

        problem = null;
        return true;
    }
}
