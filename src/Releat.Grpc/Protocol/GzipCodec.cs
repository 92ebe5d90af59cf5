using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Releat.Grpc.Protocol;

/// <summary>The "gzip" message encoding: each message's payload compressed on its own (per-message compression).</summary>
internal static class GzipCodec
{
    /// <summary>10-byte header, an empty deflate block (2 bytes at least), 8-byte trailer.</summary>
    private const int MinimumMemberLength = 20;

    public static byte[] Compress(ReadOnlySpan<byte> payload)
    {
        using var output = new MemoryStream(payload.Length / 2 + 32);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Decompresses one gzip member, refusing to inflate past <paramref name="maxLength"/> (a zip bomb must not
    /// exhaust memory; null then). GZipStream stops quietly where a cut-off input ends, so the member's trailer (CRC-32
    /// and length of the data, RFC 1952) is checked too: without it a truncated message would pass as a shorter one.
    /// </summary>
    public static byte[]? Decompress(in ReadOnlySequence<byte> payload, int maxLength)
    {
        var compressed = payload.ToArray();
        if (compressed.Length < MinimumMemberLength || compressed[0] != 0x1f || compressed[1] != 0x8b)
        {
            throw new InvalidDataException($"Not a gzip member: {compressed.Length} bytes without the gzip header and trailer.");
        }

        using var input = new MemoryStream(compressed, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    return null;
                }

                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var data = output.ToArray();
        var trailer = compressed.AsSpan(compressed.Length - 8);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != Crc32.Compute(data)
            || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)data.Length)
        {
            throw new InvalidDataException("The gzip trailer does not match the data: the message is truncated or corrupt.");
        }

        return data;
    }
}
