using Google.Protobuf;
using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>With ResponseCompressionAlgorithm = "gzip", responses are compressed for clients that accept gzip, and only for them.</summary>
public sealed class ResponseCompressionTests : IAsyncLifetime
{
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync(options => options.ResponseCompressionAlgorithm = "gzip");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Client_that_accepts_gzip_gets_compressed_frames()
    {
        using var raw = new RawGrpcRequest();
        var request = RawGrpcRequest.Frame(new EchoRequest { Text = new string('a', 1000) }.ToByteArray());

        var response = await raw.SendAsync(_server.Address, "/releat.test.v1.Echo/Unary", request, acceptEncoding: "identity,gzip");

        Assert.Equal("gzip", response.GrpcEncoding);
        Assert.Equal(1, response.Body[0]);
        Assert.True(response.Body.Length < 200, $"{response.Body.Length} bytes: not compressed");
    }

    [Fact]
    public async Task Client_that_does_not_accept_gzip_gets_plain_frames()
    {
        using var raw = new RawGrpcRequest();
        var response = await raw.SendAsync(_server.Address, "/releat.test.v1.Echo/Unary", RawGrpcRequest.Frame(new EchoRequest { Text = "x" }.ToByteArray()));

        Assert.Null(response.GrpcEncoding);
        Assert.Equal(0, response.Body[0]);
    }

    [Fact]
    public async Task Our_client_reads_compressed_unary_and_streamed_responses()
    {
        using var channel = _server.CreateChannel();
        var client = new Echo.EchoClient(channel);

        var reply = await client.UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[10_000]) });
        using var stream = client.ServerStream(new StreamRequest { Count = 20, PayloadSize = 3000 });
        var streamed = await stream.ResponseStream.ReadAllAsync().CountAsync();

        Assert.Equal(10_000, reply.Payload.Length);
        Assert.Equal(20, streamed);
    }

    [PythonGrpcTheory]
    [InlineData("unary")]
    [InlineData("server_stream")]
    [InlineData("duplex")]
    public async Task Python_client_reads_compressed_responses(string scenario)
    {
        var run = await PythonGrpc.RunAsync(scenario, _server.Address.Port, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
