using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace Releat.MarketData.Storage;

/// <summary>
/// One month of one series, memory-mapped read-only. <see cref="Records"/> is a span straight over the mapping:
/// reading allocates nothing per record. A torn tail left by a crash (or a batch the writer is still writing) is
/// left out of <see cref="Records"/> and counted in <see cref="IgnoredTailRecords"/>.
/// </summary>
public sealed unsafe class SeriesFile<T> : IDisposable
    where T : unmanaged, ISeriesRecord<T>
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _records;
    private bool _disposed;

    /// <summary>
    /// Maps the file and checks its header against <paramref name="expected"/>. A <paramref name="sealedMonth"/>
    /// (one with a later month file after it, which the writer fsyncs before moving on) only needs its last record
    /// checked; the newest month gets the full torn-tail check.
    /// </summary>
    public SeriesFile(string path, SeriesFileHeader expected, bool sealedMonth = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        long length = stream.Length;
        if (length < SeriesFileHeader.Size)
        {
            throw new SeriesFileException(path, $"only {length} bytes, shorter than the {SeriesFileHeader.Size}-byte header");
        }

        _map = MemoryMappedFile.CreateFromFile(
            stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += _view.PointerOffset;

        Header = SeriesFileHeader.ReadFrom(new ReadOnlySpan<byte>(start, SeriesFileHeader.Size), path);
        Header.EnsureMatches(expected, path);
        _records = start + SeriesFileHeader.Size;

        long whole = (length - SeriesFileHeader.Size) / Unsafe.SizeOf<T>();
        if (whole > int.MaxValue)
        {
            throw new SeriesFileException(path, $"{whole} records is more than one month file may hold");
        }

        var all = new ReadOnlySpan<T>(_records, (int)whole);
        Count = sealedMonth && (whole == 0 || all[^1].IsIntact) ? all.Length : TornTail.IntactLength(all);
        IgnoredTailRecords = (int)whole - Count;
        IgnoredTailBytes = (length - SeriesFileHeader.Size) % Unsafe.SizeOf<T>();
    }

    public string Path { get; }

    public SeriesFileHeader Header { get; }

    public int Count { get; }

    /// <summary>Whole records at the end that failed the checksum or ordering check.</summary>
    public int IgnoredTailRecords { get; }

    /// <summary>Bytes of a last record that was only partly written.</summary>
    public long IgnoredTailBytes { get; }

    /// <summary>The intact records, valid until this file is disposed.</summary>
    public ReadOnlySpan<T> Records
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new ReadOnlySpan<T>(_records, Count);
        }
    }

    /// <summary>Index of the first record at or after the time (Count if none): a binary search on time.</summary>
    public int LowerBound(long timeMs)
    {
        ReadOnlySpan<T> records = Records;
        int lo = 0;
        int hi = records.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (records[mid].TimeMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The records with time in [fromMs, toMs).</summary>
    public ReadOnlySpan<T> Range(long fromMs, long toMs)
    {
        int start = LowerBound(fromMs);
        int end = Math.Max(start, LowerBound(toMs));
        return Records[start..end];
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view?.SafeMemoryMappedViewHandle.ReleasePointer();
        _view?.Dispose();
        _map?.Dispose();
    }
}
