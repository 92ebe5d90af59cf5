using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>Streams that end badly: failures after messages, deadlines mid-stream, writes to a call the server refused.</summary>
public sealed class StreamingEdgeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Failure_after_messages_delivers_the_messages_then_the_status()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).ServerStream(new StreamRequest { Text = "break", Count = 3 });

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                received++;
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(StatusCode.DataLoss, error.StatusCode);
        Assert.Equal(StatusCode.DataLoss, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Deadline_in_the_middle_of_a_stream_is_DEADLINE_EXCEEDED()
    {
        using var channel = fixture.Server.CreateChannel();
        var id = Guid.NewGuid().ToString("N");
        using var call = new Echo.EchoClient(channel).WaitForCancellation(new WaitRequest { Id = id }, deadline: DateTime.UtcNow.AddMilliseconds(300));

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(await fixture.Server.Journal.WaitForCancelledAsync(id, TimeSpan.FromSeconds(5)), "the server's deadline token never fired");
    }

    [Fact]
    public async Task Writing_to_a_client_stream_the_server_refused_throws_its_status()
    {
        using var channel = fixture.Server.CreateChannel();
        var marshaller = Marshallers.StringMarshaller;
        var method = new Method<string, string>(MethodType.ClientStreaming, "releat.test.v1.Echo", "NoSuchStream", marshaller, marshaller);
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(method, null, default);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await call.RequestStream.WriteAsync("tick");
            }

            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_duplex_call_fires_the_handlers_token()
    {
        using var channel = fixture.Server.CreateChannel();
        using var cancel = new CancellationTokenSource();
        using var call = new Echo.EchoClient(channel).Duplex(cancellationToken: cancel.Token);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "one" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => call.RequestStream.WriteAsync(new EchoRequest { Text = "two" }));
    }

    [Fact]
    public async Task Status_before_the_call_finished_is_an_error_not_a_guess()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).Duplex();
        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}
