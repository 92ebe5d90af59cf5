using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>Headers and trailers both ways, text and binary.</summary>
public sealed class MetadataTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Request_metadata_reaches_the_handler_and_response_headers_and_trailers_reach_the_client()
    {
        using var channel = fixture.Server.CreateChannel();
        var headers = new Metadata { { "account-id", "demo-42" }, { "signature-bin", new byte[] { 0, 255, 16 } } };

        using var call = new Echo.EchoClient(channel).HeadersAsync(new EchoRequest { Text = "h" }, headers);
        var reply = await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Equal("demo-42", reply.Headers["account-id"]);
        Assert.Equal("00FF10", reply.Headers["signature-bin"]);
        Assert.False(reply.Headers.ContainsKey("grpc-timeout"));
        Assert.Equal("from-server", responseHeaders.GetValue("echo-header"));
        Assert.Equal("done", trailers.GetValue("echo-trailer"));
        Assert.Equal(new byte[] { 1, 2, 3 }, trailers.GetValueBytes("echo-trailer-bin"));
    }

    [Fact]
    public async Task Deadline_travels_as_grpc_timeout_and_sets_the_handlers_deadline()
    {
        using var channel = fixture.Server.CreateChannel();
        var client = new Echo.EchoClient(channel);

        var withDeadline = await client.HeadersAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        var withoutDeadline = await client.HeadersAsync(new EchoRequest());

        Assert.InRange(withDeadline.Count, 28, 30);
        Assert.Equal(-1, withoutDeadline.Count);
        Assert.False(withDeadline.Headers.ContainsKey("grpc-timeout"), "grpc-timeout is the transport's, not the handler's metadata");
    }

    [Fact]
    public void Metadata_rejects_keys_and_values_the_protocol_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("Bad Key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("key", "line\nbreak"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("key-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("key", [1, 2]));
        Assert.Equal("upper", new Metadata.Entry("UPPER", "x").Key.ToLowerInvariant());
    }
}
