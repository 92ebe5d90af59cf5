using System.Buffers.Binary;

namespace Releat.Features.Store;

/// <summary>
/// The 32-byte header in front of every stored array: magic "RLTARR01", element size (int32), reserved (int32),
/// rows (int64), columns (int64), little-endian. Data follows row by row; 32 bytes keep it aligned for mapping.
/// </summary>
internal readonly record struct ArrayHeader(int ElementSize, long Rows, long Columns)
{
    public const int Size = 32;
    private static ReadOnlySpan<byte> Magic => "RLTARR01"u8;

    public long DataBytes => Rows * Columns * ElementSize;

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], ElementSize);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Rows);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], Columns);
    }

    /// <summary>Reads and checks a header against what the metadata promises; <paramref name="name"/> goes in errors.</summary>
    public static ArrayHeader ReadChecked(ReadOnlySpan<byte> bytes, long totalLength, string name, int elementSize, long rows, long columns)
    {
        if (totalLength < Size)
        {
            throw new DatasetFormatException($"{name}: truncated: {totalLength} bytes, shorter than the {Size}-byte header");
        }

        if (!bytes[..8].SequenceEqual(Magic))
        {
            throw new DatasetFormatException($"{name}: not a releat array (bad magic)");
        }

        var header = new ArrayHeader(
            BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]));
        if (header.ElementSize != elementSize || header.Columns != columns || header.Rows != rows)
        {
            throw new DatasetFormatException(
                $"{name}: header says {header.Rows} rows × {header.Columns} columns of {header.ElementSize} bytes, metadata says {rows} × {columns} of {elementSize}");
        }

        long expected = Size + header.DataBytes;
        if (totalLength != expected)
        {
            throw new DatasetFormatException(
                totalLength < expected
                    ? $"{name}: truncated: {totalLength} bytes, {expected} expected for {rows} rows"
                    : $"{name}: {totalLength - expected} unexpected bytes after {rows} rows");
        }

        return header;
    }
}
