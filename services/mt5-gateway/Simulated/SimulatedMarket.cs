using System.Collections.Concurrent;
using System.Threading.Channels;
using Releat.MarketData.Feeds;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;

namespace Releat.Mt5Gateway.Simulated;

/// <summary>
/// The paper market: the simulated broker on the market's own clock (the ticks' time), the last quote of each
/// symbol, and the broker's events fanned out to waiting orders and event watchers. The tick pump and gRPC calls
/// reach the broker from different threads, so every use of it goes through one lock.
/// </summary>
public sealed class SimulatedMarket : ITickListener, IObserver<TradeEvent>
{
    private const int WatcherQueueCapacity = 4096;

    private readonly Lock _gate = new();
    private readonly SimulatedBroker _broker;
    private readonly SimulatedClock _clock = new();
    private readonly Dictionary<string, Tick> _lastQuotes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TradeEvent>> _orderWaiters = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PositionClosed> _lastCloses = [];
    private Channel<TradeEvent>[] _watchers = [];

    public SimulatedMarket(SymbolCatalog symbols, BrokerSettings settings)
    {
        _broker = new SimulatedBroker(symbols, settings, _clock);
        _broker.Subscribe(this);
        Symbols = symbols;
        Settings = settings;
    }

    public SymbolCatalog Symbols { get; }

    public BrokerSettings Settings { get; }

    /// <summary>Market time of the last tick, UTC milliseconds.</summary>
    public long NowMs
    {
        get
        {
            lock (_gate)
            {
                return _clock.UtcNowMs;
            }
        }
    }

    public void OnTick(string symbol, in Tick tick)
    {
        lock (_gate)
        {
            _clock.AdvanceTo(tick.TimeMs);
            _lastQuotes[symbol] = tick;
            _broker.OnTick(symbol, tick);
        }
    }

    /// <summary>Runs <paramref name="use"/> with the broker while no tick can move it.</summary>
    public T WithBroker<T>(Func<SimulatedBroker, T> use)
    {
        lock (_gate)
        {
            return use(_broker);
        }
    }

    public bool TryGetQuote(string symbol, out Tick quote)
    {
        lock (_gate)
        {
            return _lastQuotes.TryGetValue(symbol, out quote);
        }
    }

    public PositionClosed? LastClose(long positionId)
    {
        lock (_gate)
        {
            return _lastCloses.GetValueOrDefault(positionId);
        }
    }

    /// <summary>Completes with the order's fill or rejection. Register before sending, so a fast fill is not missed.</summary>
    public Task<TradeEvent> WaitForOrder(string clientOrderId) =>
        _orderWaiters.GetOrAdd(clientOrderId, _ => new TaskCompletionSource<TradeEvent>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void ForgetOrderWait(string clientOrderId) => _orderWaiters.TryRemove(clientOrderId, out _);

    /// <summary>Every broker event from now on; a watcher that falls 4,096 events behind is dropped.</summary>
    public ChannelReader<TradeEvent> Watch(out Action stop)
    {
        var channel = Channel.CreateBounded<TradeEvent>(new BoundedChannelOptions(WatcherQueueCapacity) { SingleReader = true });
        lock (_gate)
        {
            _watchers = [.. _watchers, channel];
        }

        stop = () => RemoveWatcher(channel);
        return channel.Reader;
    }

    void IObserver<TradeEvent>.OnNext(TradeEvent value)
    {
        // Called by the broker inside the lock.
        switch (value)
        {
            case OrderFilled filled when _orderWaiters.TryRemove(filled.ClientOrderId, out var waiter):
                waiter.TrySetResult(filled);
                break;
            case OrderRejected rejected when _orderWaiters.TryRemove(rejected.ClientOrderId, out var waiter):
                waiter.TrySetResult(rejected);
                break;
            case PositionClosed closed:
                _lastCloses[closed.PositionId] = closed;
                break;
            default:
                break;
        }

        foreach (var watcher in _watchers)
        {
            if (!watcher.Writer.TryWrite(value))
            {
                watcher.Writer.TryComplete(new InvalidOperationException("trade event watcher fell too far behind"));
                _watchers = [.. _watchers.Where(w => w != watcher)];
            }
        }
    }

    void IObserver<TradeEvent>.OnError(Exception error)
    {
    }

    void IObserver<TradeEvent>.OnCompleted()
    {
    }

    private void RemoveWatcher(Channel<TradeEvent> channel)
    {
        lock (_gate)
        {
            _watchers = [.. _watchers.Where(w => w != channel)];
        }

        channel.Writer.TryComplete();
    }
}
