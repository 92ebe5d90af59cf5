using System.Buffers;
using System.Runtime.InteropServices;

namespace Releat.Features.Store;

/// <summary>An array being built in memory with its header, for stores that keep a dataset as one value per array.</summary>
internal sealed class ArrayBuffer<T>(long columns)
    where T : unmanaged
{
    private readonly ArrayBufferWriter<byte> _data = new();

    public long Rows { get; private set; }

    public long Bytes => ArrayHeader.Size + _data.WrittenCount;

    public void Append(ReadOnlySpan<T> row)
    {
        _data.Write(MemoryMarshal.AsBytes(row));
        Rows++;
    }

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[ArrayHeader.Size + _data.WrittenCount];
        new ArrayHeader(Marshal.SizeOf<T>(), Rows, columns).Write(bytes);
        _data.WrittenSpan.CopyTo(bytes.AsSpan(ArrayHeader.Size));
        return bytes;
    }
}
