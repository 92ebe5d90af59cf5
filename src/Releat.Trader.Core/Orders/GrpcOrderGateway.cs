using Grpc.Core;
using Releat.Contracts.Channels;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// The mt5-gateway's Trading service over gRPC. The client's Polly interceptor (<see cref="Resilience"/>) retries
/// UNAVAILABLE with jittered backoff for every method, SendOrder and ClosePosition included: the gateway answers a
/// repeated client order id with the first result, and the trader derives ids from agent, decision time and leg, so
/// a retry can never place a second order. Refusals (RESOURCE_EXHAUSTED over the order rate, PERMISSION_DENIED,
/// INVALID_ARGUMENT...) are never retried and come back as a rejected result carrying the gateway's status, so the
/// journal records them. Any other failure status (UNKNOWN from a handler that threw, INTERNAL, ABORTED, a
/// cancellation we did not ask for...) leaves the outcome unknown: the order may have been placed or not. It is
/// reported as <see cref="OrderGatewayUnavailableException"/>, so the trader asks again under the same client order id
/// and the gateway's answer for that id settles it, instead of the exception ending the trader's worker.
/// Orders and closes go over one long-lived OrderSession call when the gateway has it (<see cref="GrpcOrderSession"/>),
/// as unary calls otherwise or when the session fails.
/// </summary>
public sealed class GrpcOrderGateway : IOrderGateway, IDisposable
{
    private readonly V1.Trading.TradingClient _trading;
    private readonly GrpcOrderSession? _session;
    private readonly IDisposable? _channel;

    /// <summary>Over a client built elsewhere (the trader's DI, through Grpc.Net.ClientFactory).</summary>
    public GrpcOrderGateway(V1.Trading.TradingClient trading, GrpcOrderGatewayOptions options)
        : this(trading, options, channel: null)
    {
    }

    private GrpcOrderGateway(V1.Trading.TradingClient trading, GrpcOrderGatewayOptions options, IDisposable? channel)
    {
        ArgumentNullException.ThrowIfNull(trading);
        ArgumentNullException.ThrowIfNull(options);
        _trading = trading;
        _channel = channel;
        Address = options.Address;
        _session = options.UseOrderSession ? new GrpcOrderSession(_trading, options.AttemptTimeout, Address) : null;
    }

    public string Address { get; }

    /// <summary>Order sessions opened so far (0 when sessions are off or the gateway has none).</summary>
    public int OrderSessionsOpened => _session?.Opened ?? 0;

    /// <summary>A gateway client on its own channel (tests, the embedded demo), with the same settings DI uses.</summary>
    public static GrpcOrderGateway Connect(GrpcOrderGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channel = ReleatChannel.ForAddress(options.Address, ChannelOptions(options));
        return new GrpcOrderGateway(new V1.Trading.TradingClient(channel.CallInvoker), options, channel);
    }

    /// <summary>The channel settings of the gateway client: the trade token and the Polly pipeline.</summary>
    public static ReleatChannelOptions ChannelOptions(GrpcOrderGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ReleatChannelOptions { BearerToken = options.ResolveBearerToken(), Resilience = Resilience(options) };
    }

    /// <summary>
    /// Attempt timeout, jittered retries of UNAVAILABLE on every Trading method (all are idempotent, see above), and a
    /// breaker that stops hammering a gateway that keeps failing; while it is open the retries wait it out rather than
    /// fail, so several seconds of a restarting gateway are ridden out.
    /// </summary>
    public static GrpcResilienceOptions Resilience(GrpcOrderGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resilience = new GrpcResilienceOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BaseDelay = options.RetryBaseDelay,
            AttemptTimeout = options.AttemptTimeout,
            UseCircuitBreaker = options.UseCircuitBreaker,
            RetryWhileCircuitOpen = true,
        };
        foreach (var method in new[] { "SendOrder", "ClosePosition", "GetPositions", "GetAccount" })
        {
            resilience.IdempotentMethods.Add($"/{V1.Trading.Descriptor.FullName}/{method}");
        }

        return resilience;
    }

    public Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OrderAsync(
            request.ClientOrderId,
            new V1.OrderCommand { Send = request },
            () => _trading.SendOrderAsync(request, cancellationToken: cancellation).ResponseAsync,
            cancellation);
    }

    public Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OrderAsync(
            request.ClientOrderId,
            new V1.OrderCommand { Close = request },
            () => _trading.ClosePositionAsync(request, cancellationToken: cancellation).ResponseAsync,
            cancellation);
    }

    public async Task<IReadOnlyList<V1.Position>> GetPositionsAsync(CancellationToken cancellation = default)
    {
        var response = await CallAsync("GetPositions", () => _trading.GetPositionsAsync(new V1.GetPositionsRequest(), cancellationToken: cancellation).ResponseAsync, cancellation)
            .ConfigureAwait(false);
        return response.Positions;
    }

    public Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation = default) =>
        CallAsync("GetAccount", () => _trading.GetAccountAsync(new V1.GetAccountRequest(), cancellationToken: cancellation).ResponseAsync, cancellation);

    public void Dispose()
    {
        _session?.Dispose();
        _channel?.Dispose();
    }

    private async Task<V1.OrderResult> OrderAsync(string clientOrderId, V1.OrderCommand command, Func<Task<V1.OrderResult>> call, CancellationToken cancellation)
    {
        if (_session is not null && await _session.TrySendAsync(command, clientOrderId, cancellation).ConfigureAwait(false) is { } answered)
        {
            return answered;
        }

        try
        {
            return await CallAsync("order " + clientOrderId, call, cancellation).ConfigureAwait(false);
        }
        catch (RpcException e) when (GatewayRefusal.Is(e.StatusCode))
        {
            // The gateway refused the request itself; record it as a rejection rather than retrying.
            return GatewayRefusal.Rejected(clientOrderId, Address, e);
        }
    }

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellation)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (cancellation.IsCancellationRequested)
        {
            // Our own cancellation (the host stopping), which gRPC reports as a CANCELLED status: say it as every
            // other cancelled wait says it, so the loop and the host end quietly instead of seeing a failed call
            // (which stopped the trader with a critical line on a plain SIGTERM, seen in CI). An order in flight
            // is in the journal and is settled under the same id at the next start.
            throw new OperationCanceledException($"gateway {Address}: {what}: cancelled", e, cancellation);
        }
        catch (RpcException e) when (!GatewayRefusal.Is(e.StatusCode))
        {
            throw new OrderGatewayUnavailableException($"gateway {Address}: {what}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }
}
