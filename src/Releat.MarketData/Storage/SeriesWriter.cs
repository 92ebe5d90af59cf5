using System.Runtime.CompilerServices;
using Releat.Checksums;
using Releat.MarketData.Time;

namespace Releat.MarketData.Storage;

/// <summary>
/// The single writer of one series. It holds the series folder's <see cref="WriterLock"/> (a second writer, in
/// this process or another, fails to open with the holder's pid and host), routes each record to its month file and refuses any record whose
/// (time, sequence) is not above the last one stored.
/// </summary>
public sealed class SeriesWriter<T> : IDisposable
    where T : unmanaged, ISeriesRecord<T>
{
    private readonly SeriesDirectory _directory;
    private readonly WriterLock _lock;
    private SeriesFileAppender<T>? _current;
    private long _currentMonthStart;
    private long _currentMonthEnd;

    public SeriesWriter(SeriesDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (directory.Kind != T.Kind)
        {
            throw new ArgumentException($"{directory.Path} holds {directory.Kind}, not {T.Kind}", nameof(directory));
        }

        _directory = directory;
        Directory.CreateDirectory(directory.Path);
        _lock = WriterLock.Acquire(directory.Path, directory.WriterLockPath);

        try
        {
            OpenLatestMonth();
        }
        catch
        {
            _current?.Dispose();
            _lock.Dispose();
            throw;
        }
    }

    public string Symbol => _directory.Symbol;

    public bool HasLast { get; private set; }

    /// <summary>The last record in the series (stored or batched); valid when <see cref="HasLast"/>.</summary>
    public T Last { get; private set; }

    public long LastKey => HasLast ? Last.OrderKey : long.MinValue;

    /// <summary>Records cut from torn file tails while opening month files.</summary>
    public long RecoveredTornRecords { get; private set; }

    public long AppendedCount { get; private set; }

    public void Append(in T record)
    {
        if (record.OrderKey <= LastKey)
        {
            throw new ArgumentException(
                $"{_directory.Path}: record at {UtcTime.Format(record.TimeMs)} (key {record.OrderKey}) is not after the last stored at {UtcTime.Format(Last.TimeMs)} (key {Last.OrderKey}); series are append-only in (time, sequence) order",
                nameof(record));
        }

        if (_current is null || record.TimeMs >= _currentMonthEnd || record.TimeMs < _currentMonthStart)
        {
            SwitchMonth(UtcTime.MonthStart(record.TimeMs));
        }

        _current!.Append(record);
        Last = record;
        HasLast = true;
        AppendedCount++;
    }

    /// <summary>Writes batched records; <paramref name="durable"/> also fsyncs them.</summary>
    public void Flush(bool durable = false) => _current?.Flush(durable);

    public void Dispose()
    {
        try
        {
            _current?.Dispose();
        }
        finally
        {
            _current = null;
            _lock.Dispose();
        }
    }

    private void OpenLatestMonth()
    {
        IReadOnlyList<(long MonthStartMs, string Path)> months = _directory.MonthFiles();
        for (int i = months.Count - 1; i >= 0; i--)
        {
            SwitchMonth(months[i].MonthStartMs);
            if (_current!.HasLast)
            {
                Last = _current.Last;
                HasLast = true;
                return;
            }
        }
    }

    private void SwitchMonth(long monthStart)
    {
        // Seal the month before starting the next: once a later month file exists, every earlier one is complete
        // on disk, so readers need the full torn-tail check only on the newest file.
        _current?.Flush(durable: true);
        _current?.Dispose();
        _current = null;
        _current = SeriesFileAppender<T>.Open(
            _directory.FileFor(monthStart), _directory.HeaderFor(monthStart, Unsafe.SizeOf<T>()));
        RecoveredTornRecords += _current.DroppedTailRecords;
        _currentMonthStart = monthStart;
        _currentMonthEnd = UtcTime.NextMonthStart(monthStart);
    }
}
