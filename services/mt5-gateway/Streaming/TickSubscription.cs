using System.Threading.Channels;
using Releat.MarketData.Feeds;

namespace Releat.Mt5Gateway.Streaming;

/// <summary>
/// One live subscriber's queue. The hub never waits for it: when the queue is full the subscriber is cut off
/// with <see cref="SubscriberTooSlowException"/>, so one slow client cannot stall the others or grow memory.
/// </summary>
public sealed class TickSubscription : IDisposable
{
    private readonly Channel<SymbolTick> _queue;
    private readonly HashSet<string>? _symbols;
    private readonly Action<TickSubscription> _unsubscribe;

    internal TickSubscription(IReadOnlyCollection<string> symbols, int capacity, Action<TickSubscription> unsubscribe)
    {
        _symbols = symbols.Count == 0 ? null : new HashSet<string>(symbols, StringComparer.Ordinal);
        _queue = Channel.CreateBounded<SymbolTick>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Capacity = capacity;
        _unsubscribe = unsubscribe;
    }

    public int Capacity { get; }

    public ChannelReader<SymbolTick> Ticks => _queue.Reader;

    public bool Wants(string symbol) => _symbols is null || _symbols.Contains(symbol);

    /// <summary>Queues a tick, or cuts the subscriber off when its queue is full. Returns false once cut off.</summary>
    internal bool Offer(in SymbolTick tick)
    {
        if (_queue.Writer.TryWrite(tick))
        {
            return true;
        }

        _queue.Writer.TryComplete(new SubscriberTooSlowException(Capacity));
        return false;
    }

    internal void Complete() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        _unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
