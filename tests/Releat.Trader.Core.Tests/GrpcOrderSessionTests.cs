using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// The trader's orders over Trading.OrderSession: one session carries them; a session that fails hands its order to
/// a unary call (placed once: the gateway is idempotent by client order id) and the next order opens a new one; a
/// gateway without the method gets unary calls only.
/// </summary>
public sealed class GrpcOrderSessionTests
{
    [Fact]
    public async Task Orders_and_closes_go_over_one_session()
    {
        var broker = new SessionBroker();
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString() });

        var first = await gateway.SendOrderAsync(Order("o-1"));
        var second = await gateway.SendOrderAsync(Order("o-2"));
        var closed = await gateway.ClosePositionAsync(new V1.ClosePositionRequest { ClientOrderId = "c-1", PositionId = first.PositionId });

        Assert.Equal(["o-1", "o-2", "c-1"], [first.ClientOrderId, second.ClientOrderId, closed.ClientOrderId]);
        Assert.Equal(3, broker.Executed);
        Assert.Equal(1, broker.SessionsOpened);
        Assert.Equal(0, broker.UnaryOrders);
        Assert.Equal(1, gateway.OrderSessionsOpened);
    }

    [Fact]
    public async Task A_session_that_fails_after_placing_the_order_hands_it_to_a_unary_call_which_places_nothing_twice()
    {
        var broker = new SessionBroker { BreakSessionAfterOrder = "o-1" };
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString() });

        var first = await gateway.SendOrderAsync(Order("o-1"));
        var second = await gateway.SendOrderAsync(Order("o-2"));

        Assert.Equal(V1.OrderState.Filled, first.State);
        Assert.Equal(1, first.OrderId);
        Assert.Equal(2, second.OrderId);
        Assert.Equal(2, broker.Executed);
        Assert.Equal(1, broker.UnaryOrders);
        Assert.Equal(2, broker.SessionsOpened);
    }

    [Fact]
    public async Task A_gateway_without_order_sessions_gets_unary_calls_only()
    {
        var broker = new SessionBroker { SessionsUnimplemented = true };
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString() });

        await gateway.SendOrderAsync(Order("o-1"));
        await gateway.SendOrderAsync(Order("o-2"));
        await gateway.SendOrderAsync(Order("o-3"));

        Assert.Equal(1, broker.SessionsOpened);
        Assert.Equal(3, broker.UnaryOrders);
        Assert.Equal(3, broker.Executed);
    }

    [Fact]
    public async Task Sessions_can_be_turned_off()
    {
        var broker = new SessionBroker();
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString(), UseOrderSession = false });

        await gateway.SendOrderAsync(Order("o-1"));

        Assert.Equal(0, broker.SessionsOpened);
        Assert.Equal(1, broker.UnaryOrders);
        Assert.Equal(0, gateway.OrderSessionsOpened);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_order_over_the_rate_limit_is_rejected_once_and_not_retried(bool useSession)
    {
        var broker = new SessionBroker { RefuseAsOverRate = true };
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString(), UseOrderSession = useSession });

        var result = await gateway.SendOrderAsync(Order("o-1")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(V1.OrderState.Rejected, result.State);
        Assert.Contains("ResourceExhausted", result.Message, StringComparison.Ordinal);
        Assert.Contains("retry-after 7 s", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, broker.Refused);
        Assert.Equal(0, broker.Executed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_order_answered_with_an_unexpected_status_is_an_unknown_outcome_and_asking_again_places_it_once(bool useSession)
    {
        // The gateway places the order, then a handler bug turns its answer into UNKNOWN (session and unary alike).
        var broker = new SessionBroker { AnswersLostToAHandlerBug = useSession ? 2 : 1 };
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString(), UseOrderSession = useSession });

        var unknown = await Assert.ThrowsAsync<OrderGatewayUnavailableException>(() => gateway.SendOrderAsync(Order("o-1")).WaitAsync(TimeSpan.FromSeconds(30)));
        var settled = await gateway.SendOrderAsync(Order("o-1")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("Unknown", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(V1.OrderState.Filled, settled.State);
        Assert.Equal(1, settled.OrderId);
        Assert.Equal(1, broker.Executed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_cancelled_by_the_caller_is_an_OperationCanceledException_not_a_gateway_failure(bool useSession)
    {
        // As the trader stopping while it waits on the gateway: the host must see a cancellation, which it ends quietly.
        var broker = new SessionBroker { HoldEveryCall = true };
        await using var server = await FakeGateway.StartAsync(broker);
        using var gateway = GrpcOrderGateway.Connect(new GrpcOrderGatewayOptions { Address = server.Address.ToString(), UseOrderSession = useSession });

        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var positions = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.GetPositionsAsync(stopping.Token).WaitAsync(TimeSpan.FromSeconds(30)));
        using var stoppingAgain = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var order = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.SendOrderAsync(Order("o-1"), stoppingAgain.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(stopping.Token, positions.CancellationToken);
        Assert.Equal(stoppingAgain.Token, order.CancellationToken);
    }

    [Fact]
    public async Task A_transport_failure_under_the_session_hands_the_order_to_a_unary_call_instead_of_escaping()
    {
        // The gateway killed mid-order: the write fails with the transport's own exception (Grpc.Net.Client wraps
        // only cancellations), which escaped the session and stopped the trader (seen in the chaos test).
        var invoker = new BrokenSessionInvoker(new IOException("connection reset by peer (test)"), new RpcException(new Status(StatusCode.Unavailable, "gateway gone (test)")));
        using var session = new GrpcOrderSession(new V1.Trading.TradingClient(invoker), TimeSpan.FromSeconds(30), "test");

        var answer = await session.TrySendAsync(new V1.OrderCommand { Send = Order("o-1") }, "o-1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(answer);
        Assert.Equal(1, session.Opened);
    }

    [Fact]
    public async Task A_write_that_loses_the_race_with_UNIMPLEMENTED_still_learns_that_sessions_are_unsupported()
    {
        // The gateway ends the call as it opens; the write, racing that, fails as CANCELLED (the stream was reset
        // under it). The response says why the call ended, and no further session is opened.
        var invoker = new BrokenSessionInvoker(new RpcException(new Status(StatusCode.Cancelled, "stream reset (test)")), new RpcException(new Status(StatusCode.Unimplemented, "no sessions here (test)")));
        using var session = new GrpcOrderSession(new V1.Trading.TradingClient(invoker), TimeSpan.FromSeconds(30), "test");

        var first = await session.TrySendAsync(new V1.OrderCommand { Send = Order("o-1") }, "o-1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var second = await session.TrySendAsync(new V1.OrderCommand { Send = Order("o-2") }, "o-2", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(1, session.Opened);
        Assert.Equal(1, invoker.SessionsOpened);
    }

    private static V1.OrderRequest Order(string id) => new() { ClientOrderId = id, Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.01 };

    /// <summary>An idempotent broker by client order id, counting how orders arrived.</summary>
    internal sealed class SessionBroker
    {
        private readonly Dictionary<string, V1.OrderResult> _results = new(StringComparer.Ordinal);

        public string? BreakSessionAfterOrder { get; init; }

        public bool SessionsUnimplemented { get; init; }

        /// <summary>Every order is refused as a gateway over the caller's order rate refuses it.</summary>
        public bool RefuseAsOverRate { get; init; }

        public int Refused;

        public void RefuseIfOverRate(ServerCallContext context)
        {
            if (RefuseAsOverRate)
            {
                Interlocked.Increment(ref Refused);
                context.ResponseTrailers.Add("retry-after", "7");
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "Rate limit 'orders' exceeded (test)"));
            }
        }

        /// <summary>This many answers are lost after their order was placed: the handler throws, as a bug would.</summary>
        public int AnswersLostToAHandlerBug;

        /// <summary>Every call waits until the caller gives up, as a gateway stuck behind its terminal would.</summary>
        public bool HoldEveryCall { get; init; }

        public int SessionsOpened;
        public int UnaryOrders;

        public V1.OrderResult Answer(V1.OrderResult placed) =>
            Interlocked.Decrement(ref AnswersLostToAHandlerBug) >= 0
                ? throw new InvalidOperationException("handler bug after placing the order (test)")
                : placed;

        public int Executed
        {
            get
            {
                lock (_results)
                {
                    return _results.Count;
                }
            }
        }

        public V1.OrderResult Execute(string clientOrderId)
        {
            lock (_results)
            {
                if (!_results.TryGetValue(clientOrderId, out var result))
                {
                    result = new V1.OrderResult
                    {
                        ClientOrderId = clientOrderId, State = V1.OrderState.Filled, OrderId = _results.Count + 1,
                        PositionId = _results.Count + 1, FilledVolume = 0.01, FillPrice = 1.1,
                    };
                    _results.Add(clientOrderId, result);
                }

                return result;
            }
        }
    }

    private sealed class FakeTrading(SessionBroker broker) : V1.Trading.TradingBase
    {
        public override Task<V1.OrderResult> SendOrder(V1.OrderRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref broker.UnaryOrders);
            broker.RefuseIfOverRate(context);
            return broker.HoldEveryCall
                ? Hold<V1.OrderResult>(context)
                : Task.FromResult(broker.Answer(broker.Execute(request.ClientOrderId)));
        }

        public override Task<V1.GetPositionsResponse> GetPositions(V1.GetPositionsRequest request, ServerCallContext context) =>
            broker.HoldEveryCall ? Hold<V1.GetPositionsResponse>(context) : Task.FromResult(new V1.GetPositionsResponse());

        private static async Task<T> Hold<T>(ServerCallContext context)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public override async Task OrderSession(IAsyncStreamReader<V1.OrderCommand> requestStream, IServerStreamWriter<V1.OrderResult> responseStream, ServerCallContext context)
        {
            Interlocked.Increment(ref broker.SessionsOpened);
            if (broker.SessionsUnimplemented)
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, "no sessions here"));
            }

            while (await requestStream.MoveNext(context.CancellationToken))
            {
                if (broker.HoldEveryCall)
                {
                    await Hold<V1.OrderResult>(context);
                }

                var command = requestStream.Current;
                broker.RefuseIfOverRate(context);
                string id = command.Send?.ClientOrderId ?? command.Close.ClientOrderId;
                var result = broker.Execute(id);
                if (id == broker.BreakSessionAfterOrder)
                {
                    // Placed, but the answer never leaves: as a gateway dying between the two.
                    throw new RpcException(new Status(StatusCode.Unavailable, "session broken (test)"));
                }

                await responseStream.WriteAsync(broker.Answer(result));
            }
        }
    }

    private sealed class FakeGateway : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeGateway(WebApplication app, Uri address)
        {
            _app = app;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<FakeGateway> StartAsync(SessionBroker broker)
        {
            var builder = WebApplication.CreateSlimBuilder();
            // No configuration from files: the output folder holds a service's appsettings.json (copied with the
            // project references), whose fixed Kestrel endpoint (127.0.0.1:6004) this host would bind beside port 0,
            // failing every test here while a local stack (`releat start`) runs on this machine.
            builder.Configuration.Sources.Clear();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(broker);
            var app = builder.Build();
            app.MapGrpcService<FakeTrading>();
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new FakeGateway(app, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Order sessions whose write fails with one exception and whose response read with another.</summary>
    private sealed class BrokenSessionInvoker(Exception onWrite, Exception onRead) : CallInvoker
    {
        public int SessionsOpened;

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        {
            Interlocked.Increment(ref SessionsOpened);
            return new AsyncDuplexStreamingCall<TRequest, TResponse>(
                new FailingWriter<TRequest>(onWrite), new FailingReader<TResponse>(onRead), Task.FromResult(new Metadata()), () => Status.DefaultCancelled, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }

    private sealed class FailingWriter<T>(Exception failure) : IClientStreamWriter<T>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(T message) => Task.FromException(failure);

        public Task WriteAsync(T message, CancellationToken cancellationToken) => Task.FromException(failure);

        public Task CompleteAsync() => Task.CompletedTask;
    }

    private sealed class FailingReader<T>(Exception failure) : IAsyncStreamReader<T>
    {
        public T Current => throw new InvalidOperationException("no message (test)");

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromException<bool>(failure);
    }
}
