using System.Buffers;
using System.Buffers.Binary;

namespace Releat.Grpc.Protocol;

/// <summary>The 5-byte prefix of every message: compressed flag, then the payload length as big-endian uint32.</summary>
internal readonly record struct FrameHeader(bool IsCompressed, uint PayloadLength)
{
    /// <summary>Reads a header from the start of <paramref name="buffer"/>, if all 5 bytes are there.</summary>
    public static bool TryRead(in ReadOnlySequence<byte> buffer, out FrameHeader header)
    {
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            header = default;
            return false;
        }

        Span<byte> bytes = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(bytes);
        header = Parse(bytes);
        return true;
    }

    public static FrameHeader Parse(ReadOnlySpan<byte> bytes) =>
        new(bytes[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]));

    /// <summary>The flag byte must be 0 or 1; anything else is a malformed frame.</summary>
    public static bool HasValidFlag(ReadOnlySpan<byte> bytes) => bytes[0] <= 1;

    public static void Write(Span<byte> destination, bool isCompressed, int payloadLength)
    {
        destination[0] = isCompressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)payloadLength);
    }
}
