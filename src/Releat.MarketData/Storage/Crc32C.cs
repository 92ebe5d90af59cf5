using System.Buffers.Binary;
using System.Numerics;

namespace Releat.MarketData.Storage;

/// <summary>
/// CRC-32C (Castagnoli) over a record's bytes, on the CPU's CRC instruction when it has one. It is what lets a
/// reader tell a complete record from one a crash cut short or left as zeros.
/// </summary>
internal static class Crc32C
{
    public static uint Of(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }

        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }

        return ~crc;
    }
}
