using System.Runtime.InteropServices;

namespace Releat.Features.Store;

/// <summary>Appends rows of one array to a file behind an <see cref="ArrayHeader"/>; the row count is written on close.</summary>
internal sealed class ArrayFileWriter<T> : IDisposable
    where T : unmanaged
{
    private readonly FileStream _stream;
    private readonly long _columns;

    public ArrayFileWriter(string path, long columns)
    {
        _columns = columns;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _stream.Write(new byte[ArrayHeader.Size]);
    }

    public long Rows { get; private set; }

    public void Append(ReadOnlySpan<T> row)
    {
        _stream.Write(MemoryMarshal.AsBytes(row));
        Rows++;
    }

    /// <summary>Writes the final header and flushes to disk.</summary>
    public void Seal()
    {
        Span<byte> header = stackalloc byte[ArrayHeader.Size];
        new ArrayHeader(Marshal.SizeOf<T>(), Rows, _columns).Write(header);
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}
