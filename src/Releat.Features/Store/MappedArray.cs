using System.IO.MemoryMappedFiles;

namespace Releat.Features.Store;

/// <summary>One stored array mapped read-only into memory after its header has been checked against the metadata.</summary>
internal sealed unsafe class MappedArray : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _data;

    public MappedArray(string path, int elementSize, long rows, long columns)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException($"{path}: missing");
        }

        long length = new FileInfo(path).Length;
        Span<byte> header = stackalloc byte[ArrayHeader.Size];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            header = header[..stream.ReadAtLeast(header, ArrayHeader.Size, throwOnEndOfStream: false)];
        }

        ArrayHeader.ReadChecked(header, length, path, elementSize, rows, columns);
        if (rows * columns == 0)
        {
            return;
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _data = start + _view.PointerOffset + ArrayHeader.Size;
    }

    public ReadOnlySpan<T> Row<T>(long row, int columns)
        where T : unmanaged => new((T*)_data + (row * columns), columns);

    public void Dispose()
    {
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }

        _file?.Dispose();
    }
}
