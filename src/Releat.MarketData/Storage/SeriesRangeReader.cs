using System.Runtime.CompilerServices;
using Releat.MarketData.Time;

namespace Releat.MarketData.Storage;

/// <summary>
/// Reads the records of a series with time in [from, to), month file by month file. <see cref="TryReadChunk"/>
/// hands out spans straight over the mapped files (no copy, no allocation per record); a chunk stays valid until
/// the next read or <see cref="Dispose"/>. <see cref="Read"/> copies into the caller's buffer instead.
/// </summary>
public sealed class SeriesRangeReader<T> : IDisposable
    where T : unmanaged, ISeriesRecord<T>
{
    private readonly SeriesDirectory _directory;
    private readonly IReadOnlyList<(long MonthStartMs, string Path)> _months;
    private readonly long _newestMonthStart;
    private readonly long _fromMs;
    private readonly long _toMs;
    private int _nextMonth;
    private SeriesFile<T>? _file;
    private int _position;
    private int _end;

    public SeriesRangeReader(SeriesDirectory directory, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _fromMs = fromMs;
        _toMs = toMs;
        long firstMonth = fromMs == long.MinValue ? long.MinValue : UtcTime.MonthStart(fromMs);
        IReadOnlyList<(long MonthStartMs, string Path)> all = directory.MonthFiles();
        _newestMonthStart = all.Count > 0 ? all[^1].MonthStartMs : long.MinValue;
        _months = [.. all.Where(m => m.MonthStartMs >= firstMonth && m.MonthStartMs < toMs)];
    }

    /// <summary>Records seen so far that the tail check left out (a crash's torn tail or a batch in flight).</summary>
    public long IgnoredTailRecords { get; private set; }

    public bool TryReadChunk(out ReadOnlySpan<T> chunk) => TryReadChunk(int.MaxValue, out chunk);

    /// <summary>The next run of at most <paramref name="maxRecords"/> records; false when the range is exhausted.</summary>
    public bool TryReadChunk(int maxRecords, out ReadOnlySpan<T> chunk)
    {
        while (_file is null || _position >= _end)
        {
            if (!OpenNextMonth())
            {
                chunk = default;
                return false;
            }
        }

        int n = Math.Min(maxRecords, _end - _position);
        chunk = _file.Records.Slice(_position, n);
        _position += n;
        return true;
    }

    /// <summary>Copies up to destination.Length records; 0 means the range is exhausted.</summary>
    public int Read(Span<T> destination)
    {
        int written = 0;
        while (written < destination.Length && TryReadChunk(destination.Length - written, out ReadOnlySpan<T> chunk))
        {
            chunk.CopyTo(destination[written..]);
            written += chunk.Length;
        }

        return written;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    private bool OpenNextMonth()
    {
        _file?.Dispose();
        _file = null;
        if (_nextMonth >= _months.Count)
        {
            return false;
        }

        (long monthStart, string path) = _months[_nextMonth++];
        _file = new SeriesFile<T>(path, _directory.HeaderFor(monthStart, Unsafe.SizeOf<T>()), sealedMonth: monthStart < _newestMonthStart);
        IgnoredTailRecords += _file.IgnoredTailRecords;
        _position = _file.LowerBound(_fromMs);
        _end = Math.Max(_position, _file.LowerBound(_toMs));
        return true;
    }
}
