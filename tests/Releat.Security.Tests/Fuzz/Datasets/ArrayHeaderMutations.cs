using System.Buffers.Binary;

namespace Releat.Security.Tests.Fuzz.Datasets;

/// <summary>One field of a stored array's 32-byte header (magic, element size, reserved, rows, columns) changed in place.</summary>
internal static class ArrayHeaderMutations
{
    public static string Apply(byte[] file, Random random)
    {
        long rows = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(16));
        long columns = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(24));
        switch (random.Next(6))
        {
            case 0:
                int at = random.Next(8);
                file[at] ^= (byte)random.Next(1, 256);
                return $"magic byte {at} changed";
            case 1:
                int[] sizes = [0, 1, 2, 4, 8, 16, -8, int.MaxValue, int.MinValue];
                int size = sizes[random.Next(sizes.Length)];
                BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), size);
                return $"element size -> {size}";
            case 2:
                int reserved = random.Next();
                BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), reserved);
                return $"reserved -> {reserved} (harmless)";
            case 3:
                long[] rowCounts = [0, rows - 1, rows + 1, -1, long.MaxValue, long.MinValue, 1L << 62, int.MaxValue, (1L << 61) + rows];
                long newRows = rowCounts[random.Next(rowCounts.Length)];
                BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), newRows);
                return $"rows {rows} -> {newRows}";
            case 4:
                long[] columnCounts = [0, columns - 1, columns + 1, -1, long.MaxValue, 1L << 33, (1L << 62) + columns];
                long newColumns = columnCounts[random.Next(columnCounts.Length)];
                BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(24), newColumns);
                return $"columns {columns} -> {newColumns}";
            default:
                int any = random.Next(32);
                file[any] = (byte)random.Next(256);
                return $"header byte {any} set";
        }
    }
}
