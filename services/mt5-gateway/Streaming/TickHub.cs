using System.Diagnostics;
using Releat.Contracts.Tracing;
using Releat.MarketData.Feeds;
using Releat.MarketData.Model;
using Releat.Mt5Gateway.Observability;

namespace Releat.Mt5Gateway.Streaming;

/// <summary>
/// Fans live ticks out to every subscriber in arrival order. Publishing never blocks: each subscriber has its own
/// bounded queue, and a subscriber whose queue is full is disconnected rather than slowing the rest. Every tick's
/// arrival is noted (<see cref="Arrivals"/>) so orders can be timed from the tick their decision closed on.
/// </summary>
public sealed class TickHub : ITickListener
{
    public const int DefaultQueueCapacity = 65_536;

    private readonly int _queueCapacity;
    private readonly Lock _gate = new();
    private TickSubscription[] _subscribers = [];

    private readonly GatewayMetrics? _metrics;

    public TickHub(int queueCapacity = DefaultQueueCapacity, GatewayMetrics? metrics = null)
    {
        _queueCapacity = queueCapacity;
        _metrics = metrics;
        metrics?.ObserveSubscribers(() => SubscriberCount);
    }

    public TickArrivals Arrivals { get; } = new();

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Every tick published from now on for these symbols (all symbols when empty).</summary>
    public TickSubscription Subscribe(IReadOnlyCollection<string> symbols)
    {
        var subscription = new TickSubscription(symbols, _queueCapacity, Remove);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    public void OnTick(string symbol, in Tick tick)
    {
        Arrivals.Record(symbol, tick.TimeMs, Stopwatch.GetTimestamp());
        _metrics?.Tick(symbol);

        // Copy-on-write array: publishing reads it without a lock and allocates nothing per tick.
        var subscribers = Volatile.Read(ref _subscribers);
        var item = new SymbolTick(symbol, tick, WallClock.UnixMicroseconds());
        foreach (var subscriber in subscribers)
        {
            if (subscriber.Wants(symbol) && !subscriber.Offer(item))
            {
                Remove(subscriber);
            }
        }
    }

    /// <summary>Ends every subscription normally (the feed is over, e.g. a replay reached its end).</summary>
    public void CompleteAll()
    {
        TickSubscription[] ended;
        lock (_gate)
        {
            ended = _subscribers;
            _subscribers = [];
        }

        foreach (var subscriber in ended)
        {
            subscriber.Complete();
        }
    }

    private void Remove(TickSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
