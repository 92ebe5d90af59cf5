using System.Globalization;
using System.Text;
using Releat.Checksums;
using Releat.Trader.Core.Journal;

namespace Releat.Trader.Core.Tests;

/// <summary>Journal lines that prove themselves (sequence number and CRC-32C), what opening does with damage, and repair.</summary>
public sealed class JournalChecksumTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("releat-journal-").FullName;

    private string JournalPath => Path.Combine(_folder, "journal.jsonl");

    [Fact]
    public void Every_line_carries_its_sequence_number_first_and_a_crc32c_of_the_rest_last()
    {
        Write(3);

        string[] lines = File.ReadAllLines(JournalPath);
        Assert.Equal(3, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.StartsWith($"{{\"seq\":{i + 1},\"kind\":\"pause\"", lines[i], StringComparison.Ordinal);
            int at = lines[i].LastIndexOf(",\"crc\":\"", StringComparison.Ordinal);
            uint expected = Crc32C.Compute(Encoding.UTF8.GetBytes(lines[i][..at]));
            Assert.Equal(expected.ToString("x8", CultureInfo.InvariantCulture) + "\"}", lines[i][(at + 8)..]);
        }

        JournalScan scan = TradeJournalReader.Scan(JournalPath);
        Assert.Null(scan.Damage);
        Assert.Equal(3, scan.CheckedLines);
        Assert.Equal(["r1", "r2", "r3"], scan.Entries.Select(e => e.Reason));
    }

    [Theory]
    [InlineData("a kill mid-write", "{\"seq\":4,\"kind\":\"pau")]
    [InlineData("zeroed pages after a machine crash", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\n\0\0\0\0\0\0")]
    [InlineData("a whole line whose checksum fails", "{\"seq\":4,\"kind\":\"pause\",\"reason\":\"r4\",\"crc\":\"00000000\"}\n")]
    public void A_damaged_tail_is_cut_back_to_the_last_good_record_and_appends_continue_in_sequence(string what, string tail)
    {
        Write(3);
        long good = new FileInfo(JournalPath).Length;
        File.AppendAllText(JournalPath, tail);

        using (var journal = TradeJournal.Open(JournalPath))
        {
            Assert.Equal(tail, journal.Contents.TornTail);
            Assert.Equal(3, journal.Contents.Entries.Count);
            Assert.True(good == new FileInfo(JournalPath).Length, $"{what}: the tail was not cut");
            journal.Append(Pause("r4"));
        }

        JournalScan scan = TradeJournalReader.Scan(JournalPath);
        Assert.Null(scan.Damage);
        Assert.Equal(4, scan.CheckedLines);
        Assert.Equal(tail.Contains('\n', StringComparison.Ordinal), Directory.EnumerateFiles(_folder, "journal.jsonl.cut-*").Any());
    }

    [Theory]
    [InlineData("a flipped byte", 2, "checksum mismatch")]
    [InlineData("a line written twice", 3, "sequence number 2 on line 3")]
    [InlineData("a run of NUL bytes over a line", 2, "not a journal entry")]
    public void Damage_before_the_tail_stops_the_opener_with_file_line_and_what_and_changes_nothing(string what, int line, string expected)
    {
        Write(4);
        var lines = File.ReadAllLines(JournalPath).ToList();
        switch (line)
        {
            case 2 when what.Contains("flipped", StringComparison.Ordinal):
                lines[1] = lines[1].Replace("r2", "r7", StringComparison.Ordinal);
                break;
            case 3:
                lines.Insert(2, lines[1]);
                break;
            default:
                lines[1] = new string('\0', lines[1].Length);
                break;
        }

        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");
        byte[] before = File.ReadAllBytes(JournalPath);

        var error = Assert.Throws<JournalFormatException>(() => TradeJournal.Open(JournalPath));
        Assert.StartsWith($"{JournalPath}:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(JournalPath));
        Assert.False(TradeJournalReader.Scan(JournalPath).Usable, what);
    }

    [Fact]
    public void A_journal_written_before_checksums_loads_and_continues_with_checked_lines()
    {
        File.WriteAllText(JournalPath, "{\"kind\":\"pause\",\"reason\":\"old1\"}\n{\"kind\":\"resume\"}\n{\"kind\":\"pa");
        using (var journal = TradeJournal.Open(JournalPath))
        {
            Assert.Equal(2, journal.Contents.Entries.Count);
            journal.Append(Pause("new"));
        }

        JournalScan scan = TradeJournalReader.Scan(JournalPath);
        Assert.Null(scan.Damage);
        Assert.Equal((2, 1), (scan.UncheckedLines, scan.CheckedLines));
        Assert.StartsWith("{\"seq\":3,", File.ReadAllLines(JournalPath)[2], StringComparison.Ordinal);

        // Once lines carry checksums, a line without one is damage, not an old journal.
        File.AppendAllText(JournalPath, "{\"kind\":\"resume\"}\n");
        var error = Assert.Throws<JournalFormatException>(() => TradeJournalReader.Read(JournalPath));
        Assert.StartsWith($"{JournalPath}:4: no checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_writer_is_refused_naming_the_holder_and_the_first_writes_on_unharmed()
    {
        using var first = TradeJournal.Open(JournalPath);
        first.Append(Pause("r1"));
        byte[] before = File.ReadAllBytes(JournalPath);

        var refused = Assert.Throws<WriterLockedException>(() => TradeJournal.Open(JournalPath));
        Assert.Contains(JournalPath, refused.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} on host {Environment.MachineName}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(JournalPath));

        first.Append(Pause("r2"));
        first.Sync();
        JournalScan scan = TradeJournalReader.Scan(JournalPath);
        Assert.Null(scan.Damage);
        Assert.Equal(["r1", "r2"], scan.Entries.Select(e => e.Reason));
    }

    [Fact]
    public void Repair_keeps_the_longest_valid_prefix_beside_a_whole_copy_of_the_old_file()
    {
        Write(5);
        var lines = File.ReadAllLines(JournalPath);
        lines[2] = lines[2].Replace("r3", "rX", StringComparison.Ordinal);
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");
        byte[] damaged = File.ReadAllBytes(JournalPath);

        JournalRepairOutcome outcome = JournalRepair.Repair(JournalPath, new DateTime(2026, 12, 6, 23, 0, 0, DateTimeKind.Utc));

        Assert.Equal(3, outcome.Scan.Damage!.Line);
        Assert.Equal(damaged, File.ReadAllBytes(outcome.Copy!));
        Assert.EndsWith(".before-repair-20261206T230000Z", outcome.Copy, StringComparison.Ordinal);
        JournalScan repaired = TradeJournalReader.Scan(JournalPath);
        Assert.Null(repaired.Damage);
        Assert.Equal(["r1", "r2"], repaired.Entries.Select(e => e.Reason));
        using (var journal = TradeJournal.Open(JournalPath))
        {
            journal.Append(Pause("r3 again"));
            Assert.Throws<WriterLockedException>(() => JournalRepair.Repair(JournalPath, DateTime.UtcNow));
        }

        Assert.Null(JournalRepair.Repair(JournalPath, DateTime.UtcNow).Copy);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JournalEntry Pause(string reason) => new() { Kind = JournalKinds.Pause, Reason = reason };

    private void Write(int count)
    {
        using var journal = TradeJournal.Open(JournalPath);
        for (int i = 1; i <= count; i++)
        {
            journal.Append(Pause("r" + i.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
