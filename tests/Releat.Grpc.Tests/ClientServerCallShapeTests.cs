using Google.Protobuf;
using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>Our generated-code client against our server, one test per call shape.</summary>
public sealed class ClientServerCallShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Unary_call_returns_the_echoed_message_with_status_OK()
    {
        using var channel = fixture.Server.CreateChannel();
        var client = new Echo.EchoClient(channel);

        using var call = client.UnaryAsync(new EchoRequest { Text = "EURUSD", Payload = ByteString.CopyFrom(1, 2, 3) });
        var reply = await call;

        Assert.Equal("EURUSD", reply.Text);
        Assert.Equal(new byte[] { 1, 2, 3 }, reply.Payload.ToByteArray());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public void Blocking_unary_call_returns_the_reply()
    {
        using var channel = fixture.Server.CreateChannel();
        var reply = new Echo.EchoClient(channel).Unary(new EchoRequest { Text = "sync" });
        Assert.Equal("sync", reply.Text);
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new StreamRequest { Text = "bar", Count = 50, PayloadSize = 100 });

        var counts = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(100, reply.Payload.Length);
            counts.Add(reply.Count);
        }

        Assert.Equal(Enumerable.Range(0, 50), counts);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_joins_all_requests_into_one_reply()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ClientStream();
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal("abc", reply.Text);
        Assert.Equal(3, reply.Count);
    }

    [Fact]
    public async Task Duplex_streaming_answers_each_request_before_the_next_is_sent()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).Duplex();
        for (var i = 1; i <= 5; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"tick {i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal($"tick {i}", call.ResponseStream.Current.Text);
            Assert.Equal(i, call.ResponseStream.Current.Count);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_duplex_call_idle_longer_than_kestrels_body_rate_grace_period_keeps_going()
    {
        // Kestrel ends request bodies slower than 240 B/s after a 5 s grace period unless the server lifts the limit;
        // a session of orders seconds apart is such a body.
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).Duplex();
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "before" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        await Task.Delay(TimeSpan.FromSeconds(7));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "after" });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("after", call.ResponseStream.Current.Text);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Empty_client_stream_still_gets_a_reply()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ClientStream();
        await call.RequestStream.CompleteAsync();
        var reply = await call;
        Assert.Equal(0, reply.Count);
    }

    [Fact]
    public async Task Many_concurrent_unary_calls_share_one_channel()
    {
        using var channel = fixture.Server.CreateChannel();
        var client = new Echo.EchoClient(channel);
        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
            (await client.UnaryAsync(new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })).Text));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), replies);
    }
}
