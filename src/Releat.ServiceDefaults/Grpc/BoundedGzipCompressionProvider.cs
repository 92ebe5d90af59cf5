using System.IO.Compression;
using Grpc.Net.Compression;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// The "gzip" message encoding with a bounded inflate: a request message that decompresses to more than the server's
/// receive limit is refused (the call fails, no memory is spent on the rest) instead of being inflated whole, so a
/// small gzip bomb cannot exhaust memory. grpc-dotnet's own provider inflates without a bound. A message that does not
/// start as a gzip member is refused too: .NET's GZipStream reads input too short to hold a header as an empty stream,
/// which would hand the service an empty message for garbage.
/// </summary>
public sealed class BoundedGzipCompressionProvider(int maxDecompressedBytes) : ICompressionProvider
{
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
        if (compressed.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            throw new InvalidDataException("The message is flagged as gzip-compressed but is not a gzip stream.");
        }

        compressed.Position = 0;
        return new BoundedReadStream(new GZipStream(compressed, CompressionMode.Decompress), maxDecompressedBytes);
    }
}
