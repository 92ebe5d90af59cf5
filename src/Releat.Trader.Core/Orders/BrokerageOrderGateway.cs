using System.Collections.Concurrent;
using Releat.Contracts.Tracing;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// Orders to a broker in the same process (the embedded demo's simulated broker). A market order fills on a later
/// tick, so sending waits for the broker's fill or rejection event (up to the fill wait) as the gateway does. The
/// broker is not thread-safe: every call here holds <c>sync</c>, and whatever pushes ticks into the broker must
/// hold the same object.
/// </summary>
public sealed class BrokerageOrderGateway : IOrderGateway, IObserver<TradeEvent>, IDisposable
{
    private readonly IBrokerage _broker;
    private readonly object _sync;
    private readonly TimeSpan _fillWait;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TradeEvent>> _waits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, PositionClosed> _lastClose = new();

    public BrokerageOrderGateway(IBrokerage broker, object? sync = null, TimeSpan? fillWait = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        _sync = sync ?? broker;
        _fillWait = fillWait ?? TimeSpan.FromSeconds(10);
        lock (_sync)
        {
            _subscription = broker.Subscribe(this);
        }
    }

    public async Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        long arrivedUs = OrderHops.Arrived(request.SentUs);
        var order = new OrderRequest
        {
            ClientOrderId = request.ClientOrderId,
            Symbol = request.Symbol,
            Side = request.Side == V1.OrderSide.Sell ? OrderSide.Sell : OrderSide.Buy,
            Volume = request.Volume,
            StopLoss = request.StopLoss,
            TakeProfit = request.TakeProfit,
            Comment = request.Comment,
        };
        var result = await ExecuteAsync(request.ClientOrderId, b => b.PlaceOrder(order), cancellation).ConfigureAwait(false);
        OrderHops.Answered(request.SentUs, arrivedUs, request.TraceParent, request.CorrelationId);
        return result;
    }

    public async Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        long arrivedUs = OrderHops.Arrived(request.SentUs);
        var result = await ExecuteAsync(
            request.ClientOrderId,
            b =>
            {
                if (b.TryGetOrder(request.ClientOrderId, out var earlier))
                {
                    return earlier;
                }

                double volume = request.Volume > 0 || !b.TryGetPosition(request.PositionId, out var position) ? request.Volume : position.Volume;
                return b.ClosePosition(request.PositionId, volume, request.ClientOrderId);
            },
            cancellation).ConfigureAwait(false);
        OrderHops.Answered(request.SentUs, arrivedUs, request.TraceParent, request.CorrelationId);
        return result;
    }

    public Task<IReadOnlyList<V1.Position>> GetPositionsAsync(CancellationToken cancellation = default)
    {
        lock (_sync)
        {
            IReadOnlyList<V1.Position> positions = [.. _broker.GetPositions().Select(ToContract)];
            return Task.FromResult(positions);
        }
    }

    public Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation = default)
    {
        lock (_sync)
        {
            var account = _broker.Account;
            return Task.FromResult(new V1.AccountInfo
            {
                Currency = account.Currency,
                Balance = account.Balance,
                Equity = account.Equity,
                Margin = account.Margin,
                FreeMargin = account.FreeMargin,
                MarginLevel = account.MarginLevel,
                Simulated = _broker is SimulatedBroker,
            });
        }
    }

    public void Dispose() => _subscription.Dispose();

    void IObserver<TradeEvent>.OnNext(TradeEvent value)
    {
        switch (value)
        {
            case PositionClosed closed:
                _lastClose[closed.PositionId] = closed;
                break;
            case OrderFilled filled when _waits.TryGetValue(filled.ClientOrderId, out var wait):
                wait.TrySetResult(filled);
                break;
            case OrderRejected rejected when _waits.TryGetValue(rejected.ClientOrderId, out var wait):
                wait.TrySetResult(rejected);
                break;
        }
    }

    void IObserver<TradeEvent>.OnError(Exception error)
    {
    }

    void IObserver<TradeEvent>.OnCompleted()
    {
    }

    private static V1.Position ToContract(Position position) => new()
    {
        PositionId = position.Id,
        Symbol = position.Symbol,
        Direction = position.Side == OrderSide.Buy ? V1.PositionDirection.Long : V1.PositionDirection.Short,
        Volume = position.Volume,
        OpenPrice = position.OpenPrice,
        OpenTime = ContractTime.ToTimestamp(position.OpenTimeMs),
        StopLoss = position.StopLoss,
        TakeProfit = position.TakeProfit,
        Profit = position.Profit,
        Swap = position.Swap,
        Commission = position.Commission,
    };

    private async Task<V1.OrderResult> ExecuteAsync(string clientOrderId, Func<IBrokerage, OrderResult> send, CancellationToken cancellation)
    {
        var wait = _waits.GetOrAdd(clientOrderId, _ => new TaskCompletionSource<TradeEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
        OrderResult result;
        lock (_sync)
        {
            result = send(_broker);
        }

        if (result.State is OrderState.Submitted or OrderState.PartiallyFilled)
        {
            // A tick on another thread may fill the order as soon as the lock is let go, before this looks at the
            // wait: the order is read again either way, or a filled order would be answered as still submitted.
            if (!wait.Task.IsCompleted)
            {
                try
                {
                    await wait.Task.WaitAsync(_fillWait, cancellation).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // No tick came in time: answer with the order as it stands, as the gateway does.
                }
            }

            lock (_sync)
            {
                result = _broker.TryGetOrder(clientOrderId, out var now) ? now : result;
            }
        }

        _waits.TryRemove(clientOrderId, out _);
        return ToContract(result, wait.Task.IsCompletedSuccessfully ? wait.Task.Result : null);
    }

    private V1.OrderResult ToContract(in OrderResult result, TradeEvent? outcome)
    {
        var contract = new V1.OrderResult
        {
            ClientOrderId = result.ClientOrderId,
            OrderId = result.OrderId,
            State = result.State switch
            {
                OrderState.Submitted => V1.OrderState.Submitted,
                OrderState.PartiallyFilled => V1.OrderState.PartiallyFilled,
                OrderState.Filled => V1.OrderState.Filled,
                _ => V1.OrderState.Rejected,
            },
            Retcode = (int)result.RetCode,
            Message = result.Reason,
            FilledVolume = result.FilledVolume,
            FillPrice = result.AverageFillPrice,
            PositionId = result.PositionId,
        };
        if (outcome is OrderFilled filled)
        {
            contract.FillTime = ContractTime.ToTimestamp(filled.TimeMs);
            contract.Commission = filled.Commission;
            if (_lastClose.TryGetValue(result.PositionId, out var closed) && closed.TimeMs == filled.TimeMs)
            {
                contract.Profit = closed.Profit + closed.Swap;
            }
        }

        return contract;
    }
}
