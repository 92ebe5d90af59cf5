using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// Imports MT5's candle export: tab-separated, header <c>&lt;DATE&gt; &lt;TIME&gt; &lt;OPEN&gt; &lt;HIGH&gt; &lt;LOW&gt;
/// &lt;CLOSE&gt; &lt;TICKVOL&gt; &lt;VOL&gt; &lt;SPREAD&gt;</c>, dates yyyy.MM.dd, times HH:mm:ss or HH:mm. MT5 candles are
/// bid prices with the spread in points.
/// </summary>
public sealed class Mt5CandleImporter(ImportOptions? options = null)
{
    private const int Columns = 9;

    private static readonly string[] Header =
        ["<DATE>", "<TIME>", "<OPEN>", "<HIGH>", "<LOW>", "<CLOSE>", "<TICKVOL>", "<VOL>", "<SPREAD>"];

    private static readonly TimestampFormat DateFormat = TimestampFormat.Of("yyyy.MM.dd");
    private static readonly TimestampFormat SecondsFormat = TimestampFormat.Of("HH:mm:ss");
    private static readonly TimestampFormat MinutesFormat = TimestampFormat.Of("HH:mm");

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
        using var file = new DelimitedFile(path, '\t', tally, _options, progress, cancellationToken);
        file.RequireHeader(Header);

        Span<Range> fields = stackalloc Range[Columns + 1];
        Span<double> prices = stackalloc double[4];
        while (file.TryReadRow(fields, out ReadOnlySpan<byte> line, out int count))
        {
            long lineNumber = file.LineNumber;
            if (count != Columns)
            {
                tally.Reject(lineNumber, RejectReason.WrongColumnCount, $"expected {Columns} tab-separated fields, found {count}");
                continue;
            }

            ReadOnlySpan<byte> date = Utf8Field.Clean(line[fields[0]]);
            ReadOnlySpan<byte> time = Utf8Field.Clean(line[fields[1]]);
            TimestampFormat timeFormat = time.Length == 5 ? MinutesFormat : SecondsFormat;
            if (!DateFormat.TryRead(date, out long dayMs) || !timeFormat.TryRead(time, out long msOfDay))
            {
                tally.Reject(lineNumber, RejectReason.BadDate,
                    $"'{Utf8Field.Show(date)} {Utf8Field.Show(time)}' is not a date yyyy.MM.dd and time HH:mm[:ss]");
                continue;
            }

            if (!zone.TryToUtc(dayMs + msOfDay, out long timeMs))
            {
                tally.Reject(lineNumber, RejectReason.BadDate, string.Create(CultureInfo.InvariantCulture,
                    $"{UtcTime.Format(dayMs + msOfDay)} does not exist in {zone.Name} (clocks moved forward)"));
                continue;
            }

            string? numberProblem = null;
            for (int i = 0; i < 4 && numberProblem is null; i++)
            {
                ReadOnlySpan<byte> field = Utf8Field.Clean(line[fields[2 + i]]);
                if (!Utf8Field.TryParseDouble(field, out prices[i]))
                {
                    numberProblem = $"{Header[2 + i]} '{Utf8Field.Show(field)}' is not a number";
                }
            }

            ReadOnlySpan<byte> tickVolumeField = Utf8Field.Clean(line[fields[6]]);
            ReadOnlySpan<byte> volumeField = Utf8Field.Clean(line[fields[7]]);
            ReadOnlySpan<byte> spreadField = Utf8Field.Clean(line[fields[8]]);
            long tickVolume = 0;
            double volume = 0;
            long spread = 0;
            if (numberProblem is null && !Utf8Field.TryParseInt64(tickVolumeField, out tickVolume))
            {
                numberProblem = $"<TICKVOL> '{Utf8Field.Show(tickVolumeField)}' is not a whole number";
            }

            if (numberProblem is null && !volumeField.IsEmpty && !Utf8Field.TryParseDouble(volumeField, out volume))
            {
                numberProblem = $"<VOL> '{Utf8Field.Show(volumeField)}' is not a number";
            }

            if (numberProblem is null && !spreadField.IsEmpty
                && (!Utf8Field.TryParseInt64(spreadField, out spread) || spread is < 0 or > int.MaxValue))
            {
                numberProblem = $"<SPREAD> '{Utf8Field.Show(spreadField)}' is not a spread in points";
            }

            if (numberProblem is not null)
            {
                tally.Reject(lineNumber, RejectReason.BadNumber, numberProblem);
                continue;
            }

            admission.Admit(new Candle(timeMs, prices[0], prices[1], prices[2], prices[3], tickVolume, volume, (int)spread), lineNumber);
        }

        file.ReportProgress();
        return tally.ToReport();
    }
}
