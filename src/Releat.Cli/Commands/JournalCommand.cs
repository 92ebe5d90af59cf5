using System.CommandLine;
using System.Globalization;
using Releat.Trader.Core.Journal;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat journal check|repair &lt;path&gt;`: every line of a trade journal checked (sequence number and CRC-32C), the
/// first damage shown with its line; repair keeps the longest valid prefix and a whole copy of the old file.
/// </summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var command = new Command("journal", "Check or repair a trader journal (journal.jsonl).");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Repair());
        return command;
    }

    private static Command Check()
    {
        var path = new Argument<string>("path") { Description = "the journal file" };
        var command = new Command("check", "Check every line; exit 0 when the trader can use the file (a torn tail is cut on open), 1 when not.") { path };
        command.SetAction(result =>
        {
            string file = result.GetValue(path)!;
            if (!File.Exists(file))
            {
                AnsiConsole.WriteLine($"{file}: no such file");
                return 2;
            }

            JournalScan scan = TradeJournalReader.Scan(file);
            Describe(scan);
            if (scan.Damage is { AtTail: false })
            {
                AnsiConsole.WriteLine($"The trader refuses this file. `releat journal repair {file}` keeps lines 1-{scan.Damage.Line - 1} and a copy of the whole file.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static Command Repair()
    {
        var path = new Argument<string>("path") { Description = "the journal file (the trader must be stopped)" };
        var command = new Command("repair", "Keep the longest valid prefix of a damaged journal, after copying the whole file beside it.") { path };
        command.SetAction(result =>
        {
            string file = result.GetValue(path)!;
            if (!File.Exists(file))
            {
                AnsiConsole.WriteLine($"{file}: no such file");
                return 2;
            }

            JournalRepairOutcome outcome;
            try
            {
                outcome = JournalRepair.Repair(file, DateTime.UtcNow);
            }
            catch (Releat.Checksums.WriterLockedException e)
            {
                AnsiConsole.WriteLine(e.Message + " (stop the trader first)");
                return 1;
            }

            Describe(outcome.Scan);
            if (outcome.Copy is null)
            {
                AnsiConsole.WriteLine("Nothing to repair.");
                return 0;
            }

            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Kept {outcome.Scan.Entries.Count} entries ({outcome.Scan.ValidLength} bytes) in {file}; the whole old file is in {outcome.Copy}."));
            return 0;
        });
        return command;
    }

    private static void Describe(JournalScan scan)
    {
        long lines = scan.CheckedLines + scan.UncheckedLines + (scan.Damage?.LinesFromHere ?? 0);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scan.Path}: {scan.FileLength} bytes, {lines} lines; {scan.CheckedLines} checked (sequence and CRC-32C), {scan.UncheckedLines} without a checksum (written before checksums)"));
        if (scan.Damage is not { } damage)
        {
            AnsiConsole.WriteLine("OK: every line is a good record.");
            return;
        }

        string where = string.Create(CultureInfo.InvariantCulture, $"line {damage.Line} (byte {damage.Offset})");
        AnsiConsole.WriteLine(damage.AtTail
            ? string.Create(CultureInfo.InvariantCulture, $"Torn tail at {where}: {damage.What}; {damage.LinesFromHere} line(s) with no record in them. The trader cuts it on open.")
            : string.Create(CultureInfo.InvariantCulture, $"DAMAGED at {where}: {damage.What}; {damage.LinesFromHere} line(s) from here on are not used."));
    }
}
