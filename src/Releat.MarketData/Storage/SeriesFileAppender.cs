using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Releat.MarketData.Storage;

/// <summary>
/// Appends records to one month file. A new file gets its header through a temporary file and a rename, so a
/// file never exists with half a header. Opening an existing file cuts off a torn tail first (see
/// <see cref="TornTail"/>), so appends always continue after the last intact record.
/// </summary>
internal sealed class SeriesFileAppender<T> : IDisposable
    where T : unmanaged, ISeriesRecord<T>
{
    public const int BatchRecords = 1024;

    private readonly FileStream _file;
    private readonly T[] _batch = new T[BatchRecords];
    private int _batched;
    private long _endOffset;
    private bool _disposed;

    private SeriesFileAppender(string path, SeriesFileHeader header)
    {
        Path = path;
        Header = header;
        if (!File.Exists(path))
        {
            CreateWithHeader(path, header);
        }

        _file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 0);
        try
        {
            RecoverTail();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public SeriesFileHeader Header { get; }

    /// <summary>Intact records in the file, including ones still in the batch.</summary>
    public long Count { get; private set; }

    /// <summary>Whole or partial records cut from the end when the file was opened.</summary>
    public long DroppedTailRecords { get; private set; }

    public bool HasLast { get; private set; }

    public T Last { get; private set; }

    public static SeriesFileAppender<T> Open(string path, SeriesFileHeader header) => new(path, header);

    public void Append(in T record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _batch[_batched++] = record;
        Count++;
        Last = record;
        HasLast = true;
        if (_batched == BatchRecords)
        {
            WriteBatch();
        }
    }

    /// <summary>Writes the batch; <paramref name="durable"/> also waits until the disk has it (fsync).</summary>
    public void Flush(bool durable)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBatch();
        if (durable)
        {
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            WriteBatch();
        }
        finally
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    private void WriteBatch()
    {
        if (_batched == 0)
        {
            return;
        }

        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(_batch.AsSpan(0, _batched));
        RandomAccess.Write(_file.SafeFileHandle, bytes, _endOffset);
        _endOffset += bytes.Length;
        _batched = 0;
    }

    private void RecoverTail()
    {
        Span<byte> headerBytes = stackalloc byte[SeriesFileHeader.Size];
        long length = RandomAccess.GetLength(_file.SafeFileHandle);
        int read = length >= SeriesFileHeader.Size ? RandomAccess.Read(_file.SafeFileHandle, headerBytes, 0) : 0;
        SeriesFileHeader.ReadFrom(headerBytes[..read], Path).EnsureMatches(Header, Path);

        int size = Unsafe.SizeOf<T>();
        long whole = (length - SeriesFileHeader.Size) / size;
        long partialBytes = (length - SeriesFileHeader.Size) % size;
        int tailCount = (int)Math.Min(whole, TornTail.Window + 1L);
        long tailStart = whole - tailCount;
        var tail = new T[tailCount];
        if (tailCount > 0)
        {
            RandomAccess.Read(_file.SafeFileHandle, MemoryMarshal.AsBytes(tail.AsSpan()), SeriesFileHeader.Offset(tailStart, size));
        }

        int intactInTail = TornTail.IntactLength<T>(tail);
        Count = tailStart + intactInTail;
        DroppedTailRecords = (tailCount - intactInTail) + (partialBytes > 0 ? 1 : 0);
        _endOffset = SeriesFileHeader.Offset(Count, size);
        if (_endOffset != length)
        {
            // Cut the torn tail off for good so the next append lands right after the last intact record.
            _file.SetLength(_endOffset);
            _file.Flush(flushToDisk: true);
        }

        HasLast = intactInTail > 0;
        Last = HasLast ? tail[intactInTail - 1] : default;
    }

    private static void CreateWithHeader(string path, SeriesFileHeader header)
    {
        string temporary = path + ".tmp";
        Span<byte> bytes = stackalloc byte[SeriesFileHeader.Size];
        header.WriteTo(bytes);
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }
}
