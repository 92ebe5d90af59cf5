using System.Net;

namespace Releat.Grpc.Benchmarks;

/// <summary>The baseline's client: HttpClient over HTTP/2 prior knowledge, posting and reading raw bytes.</summary>
internal sealed class BareHttpClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private readonly Uri _unary;
    private readonly Uri _streamBase;
    private readonly byte[] _body;

    public BareHttpClient(Uri address, int bodyLength)
    {
        _unary = new Uri(address, "/bare/unary");
        _streamBase = address;
        _body = new byte[bodyLength];
    }

    public async Task EchoAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _unary)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(_body),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await DrainAsync(response);
    }

    public async Task<int> StreamAsync(int count, int chunkLength)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_streamBase, $"/bare/stream?count={count}&size={chunkLength}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([]),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (int)(await DrainAsync(response) / chunkLength);
    }

    /// <summary>Calls a gRPC streaming method with a hand-framed request and only counts response bytes: server cost alone.</summary>
    public async Task<int> DrainGrpcStreamAsync(string path, byte[] framedRequest, int frameLength)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_streamBase, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framedRequest),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (int)(await DrainAsync(response) / frameLength);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<long> DrainAsync(HttpResponseMessage response)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
