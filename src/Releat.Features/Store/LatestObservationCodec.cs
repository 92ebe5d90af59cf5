using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Releat.Features.Store;

/// <summary>Binary form of a latest observation: decision time, feature time (int64), count (int32), float32 values.</summary>
internal static class LatestObservationCodec
{
    private const int HeaderSize = 20;

    public static byte[] Encode(LatestObservation observation)
    {
        float[] values = [.. observation.Values];
        byte[] bytes = new byte[HeaderSize + (values.Length * sizeof(float))];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, observation.DecisionTimeMs);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), observation.FeatureTimeMs);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), values.Length);
        MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }

    public static LatestObservation Decode(byte[] bytes, string source)
    {
        if (bytes.Length < HeaderSize)
        {
            throw new DatasetFormatException($"{source}: truncated latest observation ({bytes.Length} bytes)");
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        if (count < 0 || bytes.Length != HeaderSize + ((long)count * sizeof(float)))
        {
            throw new DatasetFormatException($"{source}: latest observation says {count} values but holds {bytes.Length - HeaderSize} bytes");
        }

        return new LatestObservation(
            BinaryPrimitives.ReadInt64LittleEndian(bytes),
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)),
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderSize)).ToArray());
    }
}
