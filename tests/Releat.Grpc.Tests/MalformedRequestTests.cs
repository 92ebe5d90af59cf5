using System.Net;
using Google.Protobuf;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>
/// Hand-made bad requests get the status the spec asks for, and the server keeps serving afterwards.
/// grpc-status numbers: 3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, 12 UNIMPLEMENTED, 13 INTERNAL.
/// </summary>
public sealed class MalformedRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string UnaryPath = "/releat.test.v1.Echo/Unary";

    public static TheoryData<string, byte[], string?, string> BadFrames => new()
    {
        { "truncated frame", RawGrpcRequest.Frame([1, 2, 3], declaredLength: 10), null, "13" },
        { "truncated header", [0, 0, 0], null, "13" },
        { "huge length prefix", RawGrpcRequest.Frame([1, 2, 3], declaredLength: uint.MaxValue), null, "8" },
        { "compressed flag without grpc-encoding", RawGrpcRequest.Frame(new EchoRequest { Text = "x" }.ToByteArray(), compressed: true), null, "13" },
        { "invalid compressed-flag byte", [7, 0, 0, 0, 0], null, "13" },
        { "unparseable protobuf", RawGrpcRequest.Frame([0xFF, 0xFF, 0xFF, 0xFF]), null, "13" },
        { "two messages on a unary call", [.. RawGrpcRequest.Frame([]), .. RawGrpcRequest.Frame([])], null, "13" },
        { "no message on a unary call", [], null, "13" },
        { "unknown grpc-encoding", RawGrpcRequest.Frame([]), "snappy-x", "12" },
        { "gzip flag with bytes that are not gzip", RawGrpcRequest.Frame([1, 2, 3], compressed: true), "gzip", "13" },
        { "gzip flag with a single zero byte", RawGrpcRequest.Frame([0], compressed: true), "gzip", "13" },
        { "gzip cut before its trailer", RawGrpcRequest.Frame(Gzip(new EchoRequest { Text = "cut short" }.ToByteArray())[..^4], compressed: true), "gzip", "13" },
        { "gzip with a wrong CRC", RawGrpcRequest.Frame(WithWrongCrc(Gzip(new EchoRequest { Text = "x" }.ToByteArray())), compressed: true), "gzip", "13" },
    };

    private static byte[] Gzip(byte[] payload)
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return packed.ToArray();
    }

    private static byte[] WithWrongCrc(byte[] member)
    {
        member[^8] ^= 0xFF;
        return member;
    }

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Bad_request_gets_the_spec_status_and_the_server_keeps_serving(string why, byte[] body, string? encoding, string expectedStatus)
    {
        using var raw = new RawGrpcRequest();

        var response = await raw.SendAsync(fixture.Server.Address, UnaryPath, body, encoding: encoding);

        Assert.True(response.HttpStatus == HttpStatusCode.OK, why);
        Assert.True(expectedStatus == response.GrpcStatus, $"{why}: expected grpc-status {expectedStatus}, got {response.GrpcStatus} ({response.GrpcMessage})");
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Unknown_encoding_is_answered_with_the_encodings_the_server_accepts()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Address, UnaryPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpcRequest.Frame([])),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-encoding", "br");
        using var response = await http.SendAsync(request);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("gzip", response.Headers.GetValues("grpc-accept-encoding").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_compressed_request_is_decompressed()
    {
        using var raw = new RawGrpcRequest();
        var payload = new EchoRequest { Text = "compressed" }.ToByteArray();
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        var response = await raw.SendAsync(fixture.Server.Address, UnaryPath, RawGrpcRequest.Frame(packed.ToArray(), compressed: true), encoding: "gzip");

        Assert.Equal("0", response.GrpcStatus);
        Assert.Equal("compressed", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).Text);
    }

    [Fact]
    public async Task Wrong_content_type_is_HTTP_415()
    {
        using var raw = new RawGrpcRequest();
        var response = await raw.SendAsync(fixture.Server.Address, UnaryPath, RawGrpcRequest.Frame([]), contentType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal("13", response.GrpcStatus);
    }

    [Fact]
    public async Task HTTP_1_1_request_is_HTTP_426_with_grpc_status_INTERNAL()
    {
        using var raw = new RawGrpcRequest();
        var response = await raw.SendAsync(fixture.Server.Http1Address, UnaryPath, RawGrpcRequest.Frame([]), version: HttpVersion.Version11);
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
        Assert.Equal("13", response.GrpcStatus);
        Assert.Contains("HTTP/2", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unmapped_path_with_grpc_content_type_is_UNIMPLEMENTED_trailers_only()
    {
        using var raw = new RawGrpcRequest();
        var response = await raw.SendAsync(fixture.Server.Address, "/no.such.Service/Method", RawGrpcRequest.Frame([]));
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("12", response.GrpcStatus);
        Assert.Empty(response.Body);
    }

    private async Task AssertStillServingAsync()
    {
        using var channel = fixture.Server.CreateChannel();
        var reply = await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Text = "still here" });
        Assert.Equal("still here", reply.Text);
    }
}
