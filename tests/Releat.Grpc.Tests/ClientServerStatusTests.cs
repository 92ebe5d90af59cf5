using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>How calls end when they do not succeed: thrown statuses, crashes, deadlines, cancellation, unknown methods.</summary>
public sealed class ClientServerStatusTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Handler_RpcException_reaches_the_client_with_its_code_message_and_trailers()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new Echo.EchoClient(channel).FailAsync(new FailRequest { Code = (int)StatusCode.FailedPrecondition, Message = "market closed: EURUSD 100% → ∅" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("market closed: EURUSD 100% → ∅", error.Status.Detail);
        Assert.Equal("requested", error.Trailers.GetValue("failure-reason"));
        Assert.Equal(StatusCode.FailedPrecondition, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Plain_exception_becomes_UNKNOWN_without_leaking_its_message()
    {
        using var channel = fixture.Server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).CrashAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
    }

    [Fact]
    public async Task Detailed_errors_option_sends_the_exception_message()
    {
        await using var server = await GrpcTestServer.StartAsync(options => options.EnableDetailedErrors = true);
        using var channel = server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).CrashAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("secret internal detail", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_shorter_than_the_handler_ends_with_DEADLINE_EXCEEDED()
    {
        using var channel = fixture.Server.CreateChannel();
        var client = new Echo.EchoClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SleepAsync(new SleepRequest { Milliseconds = 5_000 }, deadline: DateTime.UtcNow.AddMilliseconds(200)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_longer_than_the_handler_lets_the_call_succeed()
    {
        using var channel = fixture.Server.CreateChannel();
        var reply = await new Echo.EchoClient(channel).SleepAsync(new SleepRequest { Milliseconds = 20 }, deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal("slept", reply.Text);
    }

    [Fact]
    public async Task Deadline_already_past_fails_without_waiting()
    {
        using var channel = fixture.Server.CreateChannel();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest(), deadline: DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Client_cancellation_is_CANCELLED_and_fires_the_handlers_token()
    {
        using var channel = fixture.Server.CreateChannel();
        using var cancel = new CancellationTokenSource();
        var id = Guid.NewGuid().ToString("N");
        using var call = new Echo.EchoClient(channel).WaitForCancellation(new WaitRequest { Id = id }, cancellationToken: cancel.Token);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.True(await fixture.Server.Journal.WaitForCancelledAsync(id, TimeSpan.FromSeconds(5)), "the handler's token never fired");
    }

    [Fact]
    public async Task Disposing_a_streaming_call_cancels_it_on_the_server()
    {
        using var channel = fixture.Server.CreateChannel();
        var id = Guid.NewGuid().ToString("N");
        var call = new Echo.EchoClient(channel).WaitForCancellation(new WaitRequest { Id = id });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        call.Dispose();

        Assert.True(await fixture.Server.Journal.WaitForCancelledAsync(id, TimeSpan.FromSeconds(5)), "the handler's token never fired");
    }

    [Fact]
    public async Task Unknown_method_is_UNIMPLEMENTED()
    {
        using var channel = fixture.Server.CreateChannel();
        var method = new Method<EchoRequest, EchoReply>(
            MethodType.Unary, "releat.test.v1.Echo", "NoSuchMethod",
            Marshallers.Create<EchoRequest>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoRequest.Parser.ParseFrom),
            Marshallers.Create<EchoReply>(r => Google.Protobuf.MessageExtensions.ToByteArray(r), EchoReply.Parser.ParseFrom));
        var unknownService = new Method<EchoRequest, EchoReply>(
            MethodType.Unary, "releat.test.v1.Nothing", "Unary", method.RequestMarshaller, method.ResponseMarshaller);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()));
        var serviceError = await Assert.ThrowsAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(unknownService, null, default, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("NoSuchMethod", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unimplemented, serviceError.StatusCode);
    }

    [Fact]
    public async Task Request_larger_than_the_server_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = fixture.Server.CreateChannel();
        var big = new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[5 * 1024 * 1024]) };
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(big));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Response_larger_than_the_client_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        using var call = new Echo.EchoClient(channel).ServerStream(new StreamRequest { Count = 1, PayloadSize = 5000 });
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_larger_than_the_client_send_limit_fails_before_sending()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 10 });
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Text = new string('x', 100) }));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unreachable_server_is_UNAVAILABLE()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
