using Grpc.Core;
using Microsoft.Extensions.Options;
using Releat.MarketData.Model;
using Releat.Mt5Gateway.History;
using Releat.Mt5Gateway.Streaming;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Api;

/// <summary>The releat.v1.MarketData gRPC service: symbol specs, stored history, live ticks.</summary>
public sealed class MarketDataService(SymbolCatalog symbols, MarketHistory history, TickHub hub, IOptions<GatewayOptions> options)
    : V1.MarketData.MarketDataBase
{
    public override Task<V1.ListSymbolsResponse> ListSymbols(V1.ListSymbolsRequest request, ServerCallContext context)
    {
        var response = new V1.ListSymbolsResponse();
        response.Symbols.AddRange(symbols.All.OrderBy(s => s.Name, StringComparer.Ordinal).Select(ContractMapping.ToContract));
        return Task.FromResult(response);
    }

    public override Task<V1.SymbolInfo> GetSymbol(V1.GetSymbolRequest request, ServerCallContext context) =>
        Task.FromResult(ContractMapping.ToContract(Spec(request.Symbol)));

    public override async Task GetTicks(V1.GetTicksRequest request, IServerStreamWriter<V1.Tick> responseStream, ServerCallContext context)
    {
        var spec = Spec(request.Symbol);
        var (fromMs, toMs) = Range(request.From, request.To);
        foreach (var batch in history.ReadTicks(spec.Name, fromMs, toMs, MarketHistory.NewTickBuffer()))
        {
            for (var i = 0; i < batch.Length; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                await responseStream.WriteAsync(ContractMapping.ToContract(spec.Name, batch.Span[i])).ConfigureAwait(false);
            }
        }
    }

    public override async Task SubscribeTicks(V1.SubscribeTicksRequest request, IServerStreamWriter<V1.Tick> responseStream, ServerCallContext context)
    {
        var live = options.Value.Symbols;
        var unknown = request.Symbols.Where(s => !live.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"symbols not streamed by this gateway: {string.Join(", ", unknown)} (streamed: {string.Join(", ", live)})"));
        }

        using var subscription = hub.Subscribe([.. request.Symbols]);
        try
        {
            await foreach (var tick in subscription.Ticks.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                var contract = ContractMapping.ToContract(tick.Symbol, tick.Tick);
                contract.ArrivedUs = tick.ArrivedUs;
                await responseStream.WriteAsync(contract).ConfigureAwait(false);
            }
        }
        catch (SubscriberTooSlowException e)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
        }
    }

    public override async Task GetCandles(V1.GetCandlesRequest request, IServerStreamWriter<V1.Candle> responseStream, ServerCallContext context)
    {
        var spec = Spec(request.Symbol);
        Timeframe timeframe;
        try
        {
            timeframe = ContractMapping.ToDomain(request.Timeframe);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"timeframe {request.Timeframe} is not one of M1, M5, M15, M30, H1, H4, D1"));
        }

        var (fromMs, toMs) = Range(request.From, request.To);
        foreach (var candle in history.ReadCandles(spec.Name, timeframe, fromMs, toMs))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            await responseStream.WriteAsync(ContractMapping.ToContract(spec.Name, request.Timeframe, candle)).ConfigureAwait(false);
        }
    }

    private SymbolSpec Spec(string symbol) =>
        symbols.TryGet(symbol, out var spec)
            ? spec
            : throw new RpcException(new Status(StatusCode.NotFound, $"unknown symbol '{symbol}'"));

    private static (long FromMs, long ToMs) Range(Google.Protobuf.WellKnownTypes.Timestamp? from, Google.Protobuf.WellKnownTypes.Timestamp? to)
    {
        var fromMs = from is null ? long.MinValue : ContractMapping.ToMilliseconds(from);
        var toMs = to is null ? long.MaxValue : ContractMapping.ToMilliseconds(to);
        return toMs < fromMs
            ? throw new RpcException(new Status(StatusCode.InvalidArgument, "'to' is before 'from'"))
            : (fromMs, toMs);
    }
}
