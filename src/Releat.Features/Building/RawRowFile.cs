using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Releat.Features.Drivers;

namespace Releat.Features.Building;

/// <summary>
/// The builder's scratch file of raw (untransformed) rows: fixed-size records of decision time (int64), execution
/// range (4 × float64) and raw observation (width × float32). Written once in order, then mapped to fit the
/// transforms column by column and to write the final dataset. Deleted when disposed.
/// </summary>
internal sealed unsafe class RawRowFile : IRawRowSink, IDisposable
{
    private const int FixedBytes = sizeof(long) + (4 * sizeof(double));
    private readonly string _path;
    private readonly int _width;
    private readonly byte[] _record;
    private FileStream? _stream;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private byte* _data;

    public RawRowFile(string directory, int width)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, $"releat-raw-{Guid.NewGuid():N}.bin");
        _width = width;
        _record = new byte[RecordBytes];
        _stream = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public long Rows { get; private set; }

    private int RecordBytes => FixedBytes + (_width * sizeof(float));

    public void Append(long decisionTimeMs, ReadOnlySpan<float> rawObservation, in ExecutionRange execution)
    {
        Span<byte> record = _record;
        MemoryMarshal.Write(record, decisionTimeMs);
        MemoryMarshal.Write(record[8..], execution);
        MemoryMarshal.AsBytes(rawObservation[.._width]).CopyTo(record[FixedBytes..]);
        _stream!.Write(record);
        Rows++;
    }

    /// <summary>Ends writing and maps the file for reading.</summary>
    public void FinishWriting()
    {
        _stream!.Dispose();
        _stream = null;
        if (Rows == 0)
        {
            return;
        }

        _map = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _data = start + _view.PointerOffset;
    }

    public long TimeMs(long row) => MemoryMarshal.Read<long>(Record(row));

    public ExecutionRange Execution(long row) => MemoryMarshal.Read<ExecutionRange>(Record(row)[8..]);

    public float Raw(long row, int column) => MemoryMarshal.Read<float>(Record(row)[(FixedBytes + (column * sizeof(float)))..]);

    /// <summary>Copies a row's raw observation (records need not be 4-byte aligned for a direct span).</summary>
    public void CopyRaw(long row, Span<float> destination) =>
        Record(row)[FixedBytes..].CopyTo(MemoryMarshal.AsBytes(destination[.._width]));

    public void Dispose()
    {
        _stream?.Dispose();
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }

        _map?.Dispose();
        File.Delete(_path);
    }

    private ReadOnlySpan<byte> Record(long row) => new(_data + (row * RecordBytes), RecordBytes);
}
