using System.Buffers;
using System.Text.Json;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// The append-only record of everything the trader decided and every answer the gateway gave, one JSON line per
/// entry. Each append is written to the operating system before it returns (a killed process loses none of it), and
/// <see cref="Sync"/> forces what was appended to disk: the engine syncs at the end of each call, so a signal is
/// acknowledged only after its lines are on disk, while the order itself leaves without waiting for the disk. After
/// a machine crash in between, the signal, not acknowledged, comes back and its deterministic order ids meet the
/// gateway's idempotency. Opening drops a torn last line, so the next append starts on a line of its own. One writer
/// per file.
/// </summary>
public sealed class TradeJournal : IDisposable
{
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private bool _unsynced;

    private TradeJournal(string path, FileStream file, JournalContents contents)
    {
        Path = path;
        _file = file;
        Contents = contents;
        _json = new Utf8JsonWriter(_buffer);
    }

    public string Path { get; }

    /// <summary>What the file held when opened.</summary>
    public JournalContents Contents { get; }

    public static TradeJournal Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var contents = TradeJournalReader.Read(path);
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.None);
        if (file.Length != contents.ValidLength)
        {
            file.SetLength(contents.ValidLength);
            file.Flush(flushToDisk: true);
        }

        file.Seek(0, SeekOrigin.End);
        return new TradeJournal(path, file, contents);
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
            _json.Reset(_buffer);
            JsonSerializer.Serialize(_json, entry, JournalJsonContext.Default.JournalEntry);
            _json.Flush();
            _buffer.Write("\n"u8);
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
    }
}
