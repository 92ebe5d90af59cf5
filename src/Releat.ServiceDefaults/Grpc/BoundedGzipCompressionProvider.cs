using System.IO.Compression;
using Grpc.Net.Compression;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// The "gzip" message encoding with a bounded inflate: a request message that decompresses to more than the server's
/// receive limit is refused (the call fails, no memory is spent on the rest) instead of being inflated whole, so a
/// small gzip bomb cannot exhaust memory. grpc-dotnet's own provider inflates without a bound.
/// </summary>
public sealed class BoundedGzipCompressionProvider(int maxDecompressedBytes) : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) =>
        new BoundedReadStream(new GZipStream(stream, CompressionMode.Decompress), maxDecompressedBytes);
}
