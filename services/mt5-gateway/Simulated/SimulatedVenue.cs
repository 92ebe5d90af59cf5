using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;
using Releat.Mt5Gateway.Api;
using Releat.Mt5Gateway.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Simulated;

/// <summary>
/// Paper trading on the simulated market. A market order fills on the next tick after it arrives, so SendOrder
/// waits for that tick (up to Gateway:FillWait) and answers with the fill, as a terminal's OrderSend would.
/// </summary>
public sealed class SimulatedVenue(SimulatedMarket market, IOptions<GatewayOptions> options) : ITradingVenue
{
    private readonly TimeSpan _fillWait = options.Value.FillWait;

    public Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = new OrderRequest
        {
            ClientOrderId = request.ClientOrderId,
            Symbol = request.Symbol,
            Side = request.Side == V1.OrderSide.Buy ? OrderSide.Buy : OrderSide.Sell,
            Volume = request.Volume,
            StopLoss = request.StopLoss,
            TakeProfit = request.TakeProfit,
            Comment = request.Comment,
        };
        return ExecuteAsync(request.ClientOrderId, broker => broker.PlaceOrder(order), cancellation);
    }

    public Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExecuteAsync(
            request.ClientOrderId,
            broker =>
            {
                if (broker.TryGetOrder(request.ClientOrderId, out var earlier))
                {
                    return earlier;
                }

                var volume = request.Volume > 0 || !broker.TryGetPosition(request.PositionId, out var position)
                    ? request.Volume
                    : position.Volume;
                return broker.ClosePosition(request.PositionId, volume, request.ClientOrderId);
            },
            cancellation);
    }

    public Task<IReadOnlyList<V1.Position>> GetPositionsAsync(string symbol, CancellationToken cancellation)
    {
        var positions = market.WithBroker(b => b.GetPositions());
        IReadOnlyList<V1.Position> result =
        [
            .. positions
                .Where(p => symbol.Length == 0 || p.Symbol == symbol)
                .Select(p => ContractMapping.ToContract(p, CurrentPrice(p.Symbol, p.Side))),
        ];
        return Task.FromResult(result);
    }

    public Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation)
    {
        var account = market.WithBroker(b => b.Account);
        return Task.FromResult(new V1.AccountInfo
        {
            Login = "paper",
            Server = "releat-simulated",
            Currency = account.Currency,
            Mode = market.Settings.Mode == AccountMode.Hedging ? V1.AccountMode.Hedging : V1.AccountMode.Netting,
            Balance = account.Balance,
            Equity = account.Equity,
            Margin = account.Margin,
            FreeMargin = account.FreeMargin,
            MarginLevel = account.MarginLevel,
            Leverage = market.Symbols.All.Select(s => s.Leverage).DefaultIfEmpty(100).Max(),
            Simulated = true,
            Time = ContractMapping.ToTimestamp(market.NowMs),
        });
    }

    public async IAsyncEnumerable<V1.TradeEvent> WatchEventsAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        var events = market.Watch(out var stop);
        try
        {
            await foreach (var tradeEvent in events.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                if (ToContract(tradeEvent) is { } contract)
                {
                    yield return contract;
                }
            }
        }
        finally
        {
            stop();
        }
    }

    private async Task<V1.OrderResult> ExecuteAsync(
        string clientOrderId, Func<SimulatedBroker, OrderResult> send, CancellationToken cancellation)
    {
        var outcome = market.WaitForOrder(clientOrderId);
        var result = market.WithBroker(send);
        if (result.State is OrderState.Submitted or OrderState.PartiallyFilled)
        {
            try
            {
                await outcome.WaitAsync(_fillWait, cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // No tick came in time (the feed may be paused): answer with the order as it stands.
            }

            result = market.WithBroker(b => b.TryGetOrder(clientOrderId, out var now) ? now : result);
        }

        market.ForgetOrderWait(clientOrderId);
        return ToContract(result, outcome.IsCompletedSuccessfully ? outcome.Result : null);
    }

    private V1.OrderResult ToContract(in OrderResult result, TradeEvent? outcome)
    {
        var contract = new V1.OrderResult
        {
            ClientOrderId = result.ClientOrderId,
            OrderId = result.OrderId,
            State = ContractMapping.ToContract(result.State),
            Retcode = (int)result.RetCode,
            Message = result.Reason,
            FilledVolume = result.FilledVolume,
            FillPrice = result.AverageFillPrice,
            PositionId = result.PositionId,
        };
        if (outcome is OrderFilled filled)
        {
            contract.FillTime = ContractMapping.ToTimestamp(filled.TimeMs);
            contract.Commission = filled.Commission;
            if (market.LastClose(result.PositionId) is { } closed && closed.TimeMs == filled.TimeMs)
            {
                contract.Profit = closed.Profit;
            }
        }

        return contract;
    }

    private V1.TradeEvent? ToContract(TradeEvent tradeEvent)
    {
        var contract = new V1.TradeEvent { Time = ContractMapping.ToTimestamp(tradeEvent.TimeMs) };
        switch (tradeEvent)
        {
            case OrderFilled or OrderRejected or OrderPartiallyFilled:
                var clientOrderId = tradeEvent switch
                {
                    OrderFilled f => f.ClientOrderId,
                    OrderRejected r => r.ClientOrderId,
                    OrderPartiallyFilled p => p.ClientOrderId,
                    _ => string.Empty,
                };
                var order = market.WithBroker(b => b.TryGetOrder(clientOrderId, out var o) ? o : default);
                contract.Order = ToContract(order, tradeEvent);
                return contract;
            case PositionOpened opened:
                contract.PositionOpened = PositionSnapshot(opened.PositionId) ?? new V1.Position { PositionId = opened.PositionId, Symbol = opened.Symbol };
                return contract;
            case PositionIncreased or PositionModified:
                var id = tradeEvent is PositionIncreased inc ? inc.PositionId : ((PositionModified)tradeEvent).PositionId;
                contract.PositionChanged = PositionSnapshot(id) ?? new V1.Position { PositionId = id };
                return contract;
            case PositionClosed closed:
                contract.PositionClosed = new V1.Position
                {
                    PositionId = closed.PositionId,
                    Symbol = closed.Symbol,
                    Direction = closed.Side == OrderSide.Buy ? V1.PositionDirection.Long : V1.PositionDirection.Short,
                    Volume = closed.RemainingVolume,
                    OpenPrice = closed.OpenPrice,
                    CurrentPrice = closed.ClosePrice,
                    Profit = closed.Profit,
                    Swap = closed.Swap,
                    Commission = closed.Commission,
                };
                return contract;
            default:
                return null;
        }
    }

    private V1.Position? PositionSnapshot(long positionId) =>
        market.WithBroker(b => b.TryGetPosition(positionId, out var p) ? (Position?)p : null) is { } position
            ? ContractMapping.ToContract(position, CurrentPrice(position.Symbol, position.Side))
            : null;

    private double CurrentPrice(string symbol, OrderSide side) =>
        market.TryGetQuote(symbol, out var quote) ? (side == OrderSide.Buy ? quote.Bid : quote.Ask) : 0;
}
