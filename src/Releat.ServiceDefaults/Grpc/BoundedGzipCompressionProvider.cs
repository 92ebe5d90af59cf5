using System.Buffers.Binary;
using System.IO.Compression;
using Grpc.Net.Compression;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// The "gzip" message encoding with a bounded inflate: a request message that decompresses to more than the server's
/// receive limit is refused (the call fails, no memory is spent on the rest) instead of being inflated whole, so a
/// small gzip bomb cannot exhaust memory. grpc-dotnet's own provider inflates without a bound. A message must be one
/// whole gzip member (as gRPC clients send it): .NET's GZipStream reads input too short to hold a header as an empty
/// stream and a member cut short as a shorter one, so the header is checked first and the trailer's CRC-32 and length
/// at the end (<see cref="InflatedMessageStream"/>).
/// </summary>
public sealed class BoundedGzipCompressionProvider(int maxDecompressedBytes) : ICompressionProvider
{
    /// <summary>A 10-byte header, the smallest deflate block (2 bytes) and the 8-byte trailer.</summary>
    private const int MinimumMemberLength = 20;

    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // The compressed message is already within the receive limit, so holding it to look at its header is bounded.
        var compressed = new MemoryStream();
        stream.CopyTo(compressed);
        byte[] bytes = compressed.GetBuffer();
        int length = (int)compressed.Length;
        if (length < MinimumMemberLength || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            throw new InvalidDataException("The message is flagged as gzip-compressed but is not a gzip stream.");
        }

        var trailer = bytes.AsSpan(length - 8, 8);
        compressed.Position = 0;
        return new InflatedMessageStream(
            new GZipStream(compressed, CompressionMode.Decompress),
            maxDecompressedBytes,
            expectedCrc: BinaryPrimitives.ReadUInt32LittleEndian(trailer),
            expectedLength: BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
    }
}
