using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Releat.Security.Tests.Support;

/// <summary>
/// Hand-made HTTP/2 gRPC requests that bypass the client library, so a test can send what no well-behaved client
/// would: broken frames, lying length prefixes, wrong flags, arbitrary bytes.
/// </summary>
public sealed class RawGrpcCall : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>What came back: HTTP status, grpc-status (trailers or trailers-only headers; null if absent), message, body.</summary>
    public sealed record Answer(HttpStatusCode HttpStatus, int? GrpcStatus, string? GrpcMessage, byte[] Body);

    public async Task<Answer> SendAsync(Uri address, string path, byte[] body, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
        return new Answer(
            response.StatusCode,
            int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null,
            Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message"),
            bytes);
    }

    /// <summary>A frame: flag byte, big-endian length (the payload's unless another is given), payload.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, byte flag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
