using System.Net;
using System.Net.Http.Headers;

namespace Releat.Grpc.Tests.Support;

/// <summary>Sends hand-made HTTP/2 gRPC requests, bypassing our client, to test how the server treats bad input.</summary>
public sealed class RawGrpcRequest : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public async Task<RawGrpcResponse> SendAsync(
        Uri address, string path, byte[] body, string contentType = "application/grpc", string? encoding = null, Version? version = null,
        string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-accept-encoding", acceptEncoding);
        }

        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        using var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new RawGrpcResponse(
            response.StatusCode,
            Header(response.Headers, "grpc-encoding"),
            Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status"),
            Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message"),
            bytes);
    }

    /// <summary>A frame: compressed flag, big-endian length, then the payload.</summary>
    public static byte[] Frame(byte[] payload, bool compressed = false, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
