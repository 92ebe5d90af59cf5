using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Releat.Contracts.Tracing;
using Releat.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Releat.ServiceDefaults.Limits;
using Releat.Mt5Bridge.Terminal;
using Releat.Mt5Gateway.Observability;
using Releat.Mt5Gateway.Streaming;
using Releat.Mt5Gateway.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Api;

/// <summary>
/// The releat.v1.Trading gRPC service, over whichever venue the gateway was started with. Orders and closes need
/// the trade role and are rate limited per caller (the <see cref="OrdersPolicy"/> bucket: <see cref="OrdersTokenLimit"/>
/// orders at once, <see cref="OrdersPerSecond"/> a second after that, unless Grpc:RateLimits:orders says otherwise);
/// positions and account need read.
/// </summary>
public sealed class TradingService(
    ITradingVenue venue, TickHub hub, GatewayMetrics metrics, CallerRateLimits rateLimits, ILogger<TradingService> logger) : V1.Trading.TradingBase
{
    /// <summary>The rate-limit policy of orders and closes, per caller, also taken per command of an order session.</summary>
    public const string OrdersPolicy = "orders";

    /// <summary>The burst of orders a caller may send after being quiet (the bucket's size).</summary>
    public const int OrdersTokenLimit = 20;

    /// <summary>Orders a caller may keep sending each second once the burst is spent.</summary>
    public const int OrdersPerSecond = 10;

    private static readonly Func<ILogger, string, IDisposable?> CorrelationScope =
        LoggerMessage.DefineScope<string>("Correlation {CorrelationId}");

    [Authorize(CallerPolicy.Trade)]
    [EnableRateLimiting(OrdersPolicy)]
    public override Task<V1.OrderResult> SendOrder(V1.OrderRequest request, ServerCallContext context)
    {
        Require(request.ClientOrderId.Length is > 0 and <= 31, "client_order_id must be 1 to 31 characters (MT5 keeps it as the order comment)");
        Require(request.Symbol.Length > 0, "symbol is required");
        Require(request.Side is V1.OrderSide.Buy or V1.OrderSide.Sell, "side must be BUY or SELL");
        Require(request.Volume > 0 && double.IsFinite(request.Volume), "volume must be a positive number of lots");
        return ExecuteAsync("open", request.ClientOrderId, request.CorrelationId, request.SentUs, request.TraceParent, () => venue.SendOrderAsync(request, context.CancellationToken));
    }

    [Authorize(CallerPolicy.Trade)]
    [EnableRateLimiting(OrdersPolicy)]
    public override Task<V1.OrderResult> ClosePosition(V1.ClosePositionRequest request, ServerCallContext context)
    {
        Require(request.ClientOrderId.Length is > 0 and <= 31, "client_order_id must be 1 to 31 characters (MT5 keeps it as the order comment)");
        Require(request.PositionId > 0, "position_id is required");
        Require(request.Volume >= 0 && double.IsFinite(request.Volume), "volume must be 0 (all) or a positive number of lots");
        return ExecuteAsync("close", request.ClientOrderId, request.CorrelationId, request.SentUs, request.TraceParent, () => venue.ClosePositionAsync(request, context.CancellationToken));
    }

    /// <summary>
    /// Each command as SendOrder or ClosePosition would take it, answered in order; the order rate limit is taken per
    /// command (the call's own admission takes none, so a session costs what its orders cost).
    /// </summary>
    [Authorize(CallerPolicy.Trade)]
    public override async Task OrderSession(IAsyncStreamReader<V1.OrderCommand> requestStream, IServerStreamWriter<V1.OrderResult> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            rateLimits.Take(context, OrdersPolicy);
            var command = requestStream.Current;
            var result = command.CommandCase switch
            {
                V1.OrderCommand.CommandOneofCase.Send => await SendOrder(command.Send, context).ConfigureAwait(false),
                V1.OrderCommand.CommandOneofCase.Close => await ClosePosition(command.Close, context).ConfigureAwait(false),
                _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "an order command carries send or close")),
            };
            await responseStream.WriteAsync(result).ConfigureAwait(false);
        }
    }

    public override async Task<V1.GetPositionsResponse> GetPositions(V1.GetPositionsRequest request, ServerCallContext context)
    {
        var positions = await Call(() => venue.GetPositionsAsync(request.Symbol, context.CancellationToken)).ConfigureAwait(false);
        var response = new V1.GetPositionsResponse();
        response.Positions.AddRange(positions);
        return response;
    }

    public override Task<V1.AccountInfo> GetAccount(V1.GetAccountRequest request, ServerCallContext context) =>
        Call(() => venue.GetAccountAsync(context.CancellationToken));

    public override async Task StreamTradeEvents(V1.StreamTradeEventsRequest request, IServerStreamWriter<V1.TradeEvent> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var tradeEvent in venue.WatchEventsAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(tradeEvent).ConfigureAwait(false);
            }
        }
        catch (TerminalUnavailableException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }
    }

    /// <summary>
    /// Times the order from its decision's tick (when the correlation id names a recent tick), logs it in the
    /// decision's correlation scope, sends it, and counts the answer; times its last two hops (<see cref="OrderHops"/>).
    /// </summary>
    private async Task<V1.OrderResult> ExecuteAsync(
        string kind, string clientOrderId, string correlationId, long sentUs, string traceParent, Func<Task<V1.OrderResult>> send)
    {
        long received = Stopwatch.GetTimestamp();
        long arrivedUs = OrderHops.Arrived(sentUs);
        using var scope = correlationId.Length > 0 ? CorrelationScope(logger, correlationId) : null;
        if (correlationId.Length > 0 && hub.Arrivals.TryElapsedSince(correlationId, received, out var sinceTick))
        {
            metrics.TickToOrder(sinceTick);
            GatewayLog.OrderReceived(logger, kind, clientOrderId, (long)sinceTick.TotalMicroseconds);
        }
        else
        {
            GatewayLog.OrderReceived(logger, kind, clientOrderId, -1);
        }

        var result = await Call(send).ConfigureAwait(false);
        OrderHops.Answered(sentUs, arrivedUs, traceParent, correlationId);
        metrics.Order(kind, result.State);
        GatewayLog.OrderAnswered(logger, clientOrderId, result.State, result.FilledVolume, result.FillPrice);
        return result;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, message));
        }
    }

    /// <summary>A missing or silent terminal is UNAVAILABLE, which clients may retry (orders are idempotent by id).</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (TerminalUnavailableException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }
}
