using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Releat.Checksums;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// The append-only record of everything the trader decided and every answer the gateway gave, one checksummed,
/// numbered JSON line per entry (<see cref="JournalLine"/>). Each append is written to the operating system before it
/// returns (a killed process loses none of it), and <see cref="Sync"/> forces what was appended to disk: the engine
/// syncs at the end of each call, so a signal is acknowledged only after its lines are on disk, while the order
/// itself leaves without waiting for the disk. After a machine crash in between, the signal, not acknowledged, comes
/// back and its deterministic order ids meet the gateway's idempotency.
/// </summary>
/// <remarks>
/// One writer per file, enforced: opening takes the journal's <see cref="WriterLock"/> before reading anything and
/// holds it until disposed, so a second trader on the same file is refused with the holder's pid and host and
/// changes nothing (without it, a newcomer cutting what it took for a torn tail while the first still wrote left a
/// run of NUL bytes in the file). Under the lock, a torn tail is cut back to the last good record, so the next
/// append starts on a line of its own; whole lines cut that way are kept in "&lt;journal&gt;.cut-&lt;time&gt;".
/// </remarks>
public sealed class TradeJournal : IDisposable
{
    private readonly WriterLock _writer;
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private readonly Utf8JsonWriter _json;
    private long _nextSequence;
    private bool _unsynced;

    private TradeJournal(string path, WriterLock writer, FileStream file, JournalContents contents)
    {
        Path = path;
        _writer = writer;
        _file = file;
        Contents = contents;
        _nextSequence = contents.Entries.Count + 1;
        _json = new Utf8JsonWriter(_scratch);
    }

    public string Path { get; }

    /// <summary>What the file held when opened.</summary>
    public JournalContents Contents { get; }

    /// <summary>Opens the journal as its one writer; <see cref="WriterLockedException"/> when another holds it.</summary>
    public static TradeJournal Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = WriterLock.ForFile(path);
        try
        {
            var contents = TradeJournalReader.Read(path);
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.None);
            if (file.Length != contents.ValidLength)
            {
                KeepCutLines(path, contents);
                file.SetLength(contents.ValidLength);
                file.Flush(flushToDisk: true);
            }

            file.Seek(0, SeekOrigin.End);
            return new TradeJournal(path, writer, file, contents);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Writes the entries as lines in one write to the operating system (no disk wait; see <see cref="Sync"/>).</summary>
    public void Append(params ReadOnlySpan<JournalEntry> entries)
    {
        Write(entries);
        _unsynced = true;
    }

    /// <summary>
    /// Writes a line whose loss in a machine crash costs nothing (a signal held or refused: no order, no state), so
    /// it does not ask the next <see cref="Sync"/> for a disk flush; it reaches the disk with the next line that does.
    /// A killed process still loses none of it.
    /// </summary>
    public void AppendWithoutSync(JournalEntry entry) => Write([entry]);

    private void Write(ReadOnlySpan<JournalEntry> entries)
    {
        _buffer.ResetWrittenCount();
        foreach (var entry in entries)
        {
            JournalLine.Write(_buffer, _scratch, _json, entry, _nextSequence);
            _nextSequence++;
        }

        _file.Write(_buffer.WrittenSpan);
        _file.Flush(flushToDisk: false);
    }

    /// <summary>Forces every appended line to disk (fsync); nothing to do when all are there.</summary>
    public void Sync()
    {
        if (_unsynced)
        {
            _file.Flush(flushToDisk: true);
            _unsynced = false;
        }
    }

    public void Dispose()
    {
        Sync();
        _json.Dispose();
        _file.Dispose();
        _writer.Dispose();
    }

    /// <summary>
    /// A kill mid-write leaves part of one line with no end of line, which holds nothing whole; a cut tail with whole
    /// lines in it means the end of the file was damaged otherwise (a machine crash before the disk had it), so
    /// those bytes are kept for whoever looks into it.
    /// </summary>
    private static void KeepCutLines(string path, JournalContents contents)
    {
        if (contents.TornTail is { } tail && tail.Contains('\n', StringComparison.Ordinal))
        {
            string copy = path + ".cut-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            File.WriteAllText(copy, tail);
        }
    }
}
