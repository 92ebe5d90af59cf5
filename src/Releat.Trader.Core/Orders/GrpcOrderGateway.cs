using Grpc.Core;
using Releat.Grpc;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// The mt5-gateway's Trading service over gRPC. The channel's Polly pipeline retries UNAVAILABLE with backoff for
/// every method, SendOrder and ClosePosition included: the gateway answers a repeated client order id with the first
/// result, and the trader derives ids from agent, decision time and leg, so a retry can never place a second order.
/// Other failures come back as a rejected result carrying the gateway's status, so the journal records them.
/// Orders and closes go over one long-lived OrderSession call when the gateway has it (<see cref="GrpcOrderSession"/>),
/// as unary calls otherwise or when the session fails.
/// </summary>
public sealed class GrpcOrderGateway : IOrderGateway, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly V1.Trading.TradingClient _trading;
    private readonly GrpcOrderSession? _session;

    public GrpcOrderGateway(GrpcOrderGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resilience = new GrpcResilienceOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BaseDelay = options.RetryBaseDelay,
            AttemptTimeout = options.AttemptTimeout,
            // Several seconds of a restarting gateway should be ridden out by retries, not short-circuited.
            UseCircuitBreaker = false,
        };
        foreach (var method in new[] { "SendOrder", "ClosePosition", "GetPositions", "GetAccount" })
        {
            resilience.IdempotentMethods.Add($"/{V1.Trading.Descriptor.FullName}/{method}");
        }

        _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            BearerToken = options.ResolveBearerToken(),
            Resilience = resilience,
        });
        _trading = new V1.Trading.TradingClient(_channel);
        _session = options.UseOrderSession ? new GrpcOrderSession(_trading, options.AttemptTimeout) : null;
        Address = options.Address;
    }

    public string Address { get; }

    /// <summary>Order sessions opened so far (0 when sessions are off or the gateway has none).</summary>
    public int OrderSessionsOpened => _session?.Opened ?? 0;

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
        var response = await CallAsync("GetPositions", () => _trading.GetPositionsAsync(new V1.GetPositionsRequest(), cancellationToken: cancellation).ResponseAsync)
            .ConfigureAwait(false);
        return response.Positions;
    }

    public Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation = default) =>
        CallAsync("GetAccount", () => _trading.GetAccountAsync(new V1.GetAccountRequest(), cancellationToken: cancellation).ResponseAsync);

    public void Dispose()
    {
        _session?.Dispose();
        _channel.Dispose();
    }

    private async Task<V1.OrderResult> OrderAsync(string clientOrderId, V1.OrderCommand command, Func<Task<V1.OrderResult>> call, CancellationToken cancellation)
    {
        if (_session is not null && await _session.TrySendAsync(command, clientOrderId, cancellation).ConfigureAwait(false) is { } answered)
        {
            return answered;
        }

        try
        {
            return await CallAsync("order " + clientOrderId, call).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.PermissionDenied or StatusCode.Unauthenticated)
        {
            // The gateway refused the request itself; record it as a rejection rather than retrying forever.
            return new V1.OrderResult
            {
                ClientOrderId = clientOrderId,
                State = V1.OrderState.Rejected,
                Message = $"gateway {Address}: {e.StatusCode}: {e.Status.Detail}",
            };
        }
    }

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new OrderGatewayUnavailableException($"gateway {Address}: {what}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }
}
