using System.CommandLine;
using System.Globalization;
using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.Cli.Output;
using Releat.MarketData.Time;

namespace Releat.Cli.Commands;

/// <summary>`releat import-ticks`: MT5 exports, Dukascopy candles or any CSV into the store under RELEAT_HOME.</summary>
internal static class ImportTicksCommand
{
    private static readonly string[] Formats = ["mt5-ticks", "mt5-candles", "dukascopy", "csv"];

    public static Command Create()
    {
        var symbol = new Option<string>("--symbol") { Description = "Symbol the file holds, e.g. EURUSD.", Required = true };
        var format = new Option<string>("--format") { Description = "mt5-ticks, mt5-candles, dukascopy or csv.", Required = true };
        format.AcceptOnlyFromAmong(Formats);
        var file = new Option<FileInfo>("--file") { Description = "The file to import.", Required = true };
        var timeframe = new Option<string?>("--timeframe") { Description = "Candle period for candle formats: M1, M5, M15, M30, H1, H4, D1." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone the file's times are in (default UTC), e.g. Europe/Athens." };
        var csv = new CsvOptions();
        var command = new Command("import-ticks", "Import ticks or candles from a file into the store; re-importing stores nothing twice.")
        {
            symbol, format, file, timeframe, timeZone,
            csv.TimeColumn, csv.TimeFormat, csv.DateColumn, csv.PriceColumn, csv.BidColumn, csv.AskColumn,
            csv.SpreadColumn, csv.DefaultSpread, csv.VolumeColumn, csv.Separator, csv.NoHeader,
        };
        command.SetAction((parse, cancellation) => Task.FromResult(Run(
            parse.GetValue(symbol)!, parse.GetValue(format)!, parse.GetValue(file)!, parse.GetValue(timeframe),
            new ImportOptions { TimeZoneId = parse.GetValue(timeZone) }, csv, parse, cancellation)));
        return command;
    }

    private static int Run(
        string symbol, string format, FileInfo file, string? timeframeText, ImportOptions options, CsvOptions csv,
        ParseResult parse, CancellationToken cancellation)
    {
        if (!file.Exists)
        {
            return Fail($"--file: '{file.FullName}' does not exist");
        }

        if (!SymbolCatalog.Defaults.TryGet(symbol, out var spec))
        {
            return Fail($"--symbol: '{symbol}' is not a known symbol ({string.Join(", ", SymbolCatalog.Defaults.All.Select(s => s.Name))})");
        }

        var root = ReleatHome.Path;
        try
        {
            ImportReport report;
            if (format is "mt5-candles" or "dukascopy")
            {
                if (!Enum.TryParse<Timeframe>(timeframeText, ignoreCase: true, out var timeframe) || !timeframe.IsDefinedTimeframe())
                {
                    return Fail($"--timeframe: '{timeframeText}' must be one of M1, M5, M15, M30, H1, H4, D1 for {format} files");
                }

                using var writer = new CandleStore(root).OpenWriter(spec.Name, timeframe);
                report = WithProgress(file, progress => format == "dukascopy"
                    ? new DukascopyCandleImporter(options).Import(file.FullName, writer, progress, cancellation)
                    : new Mt5CandleImporter(options).Import(file.FullName, writer, progress, cancellation));
                writer.Flush(durable: true);
            }
            else
            {
                using var writer = new TickStore(root).OpenWriter(spec.Name);
                report = format == "csv"
                    ? WithProgress(file, progress => new CsvTickImporter(csv.ToMapping(parse), spec, options).Import(file.FullName, writer, progress, cancellation))
                    : WithProgress(file, progress => new Mt5TickImporter(options).Import(file.FullName, writer, progress, cancellation));
                writer.Flush(durable: true);
            }

            PrintReport(report, spec.Name, root);
            return 0;
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
        catch (ImportFormatException e)
        {
            return Fail(e.Message);
        }
        catch (SeriesFileException e)
        {
            return Fail(e.Message);
        }
    }

    private static ImportReport WithProgress(FileInfo file, Func<IProgress<ImportProgress>, ImportReport> import)
    {
        ImportReport? report = null;
        string description = $"importing {file.Name}";
        ProgressDisplay.RunAsync(description, toStandardError: false, line =>
        {
            report = import(new InlineProgress<ImportProgress>(p => line.Update(description, p.Fraction, 1)));
            line.Update(description, 1, 1);
            return Task.CompletedTask;
        }, showRemaining: true).GetAwaiter().GetResult(); // the importers are synchronous: the task is complete on return
        return report!;
    }

    private static void PrintReport(ImportReport report, string symbol, string root)
    {
        var span = report.Stored > 0
            ? $" from {UtcTime.ToDateTime(report.FirstStoredMs):yyyy-MM-dd HH:mm:ss} to {UtcTime.ToDateTime(report.LastStoredMs):yyyy-MM-dd HH:mm:ss} UTC"
            : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{symbol}: stored {report.Stored} of {report.Rows} rows{span} in {root}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"skipped {report.Skipped}: {report.AlreadyStored} already stored, {report.Rejected} rejected"));
        foreach (var (reason, count) in report.SkippedByReason.OrderBy(p => p.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {reason}: {count}"));
        }

        const int shown = 10;
        foreach (var error in report.Errors.Take(shown))
        {
            Console.WriteLine($"  {error}");
        }

        if (report.Errors.Count > shown)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {report.Rejected - shown} more rejected rows"));
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"releat import-ticks: {message}");
        return 2;
    }
}
