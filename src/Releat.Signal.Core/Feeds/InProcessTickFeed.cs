using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Releat.MarketData.Model;

namespace Releat.Signal.Core.Feeds;

/// <summary>
/// Live ticks and their history inside one process (the embedded demo, tests, benchmarks): the caller pushes each
/// tick with <see cref="Publish"/>; it is kept as history and delivered to every subscriber of its symbol, stamped
/// with its arrival. <see cref="Record"/> adds history no subscriber sees (what happened before anyone listened).
/// History is kept whole, in memory: fine for a replay, not for weeks of ticks.
/// </summary>
public sealed class InProcessTickFeed : ILiveTickFeed, ITickHistory
{
    private readonly Dictionary<string, List<Tick>> _history = new(StringComparer.Ordinal);
    private readonly List<(string[] Symbols, ChannelWriter<LiveTick> Writer)> _subscribers = [];
    private readonly Lock _gate = new();
    private bool _completed;

    /// <summary>Subscriptions open now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>A tick that is only history: a later subscriber can catch up on it.</summary>
    public void Record(string symbol, in Tick tick)
    {
        lock (_gate)
        {
            Append(symbol, tick);
        }
    }

    /// <summary>A live tick: kept as history and delivered to the subscribers of its symbol.</summary>
    public void Publish(string symbol, in Tick tick)
    {
        var live = new LiveTick(symbol, tick, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            Append(symbol, tick);
            foreach ((string[] symbols, ChannelWriter<LiveTick> writer) in _subscribers)
            {
                if (Array.IndexOf(symbols, symbol) >= 0)
                {
                    writer.TryWrite(live);
                }
            }
        }
    }

    /// <summary>Ends every subscription, normally or with <paramref name="error"/> (a lost connection, in tests).</summary>
    public void Complete(Exception? error = null)
    {
        lock (_gate)
        {
            _completed = error is null;
            foreach ((_, ChannelWriter<LiveTick> writer) in _subscribers)
            {
                writer.TryComplete(error);
            }

            _subscribers.Clear();
        }
    }

    public async IAsyncEnumerable<LiveTick> SubscribeAsync(IReadOnlyList<string> symbols, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var channel = Channel.CreateUnbounded<LiveTick>(new UnboundedChannelOptions { SingleReader = true });
        (string[] Symbols, ChannelWriter<LiveTick> Writer) subscriber = ([.. symbols], channel.Writer);
        lock (_gate)
        {
            if (_completed)
            {
                yield break;
            }

            _subscribers.Add(subscriber);
        }

        try
        {
            await foreach (LiveTick tick in channel.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                yield return tick;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(subscriber);
            }
        }
    }

    public async IAsyncEnumerable<Tick> ReadAsync(string symbol, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken cancellation)
    {
        Tick[] ticks;
        lock (_gate)
        {
            ticks = _history.TryGetValue(symbol, out List<Tick>? all)
                ? [.. all.Where(t => t.TimeMs >= fromMs && t.TimeMs < toMs)]
                : [];
        }

        foreach (Tick tick in ticks)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return tick;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private void Append(string symbol, in Tick tick)
    {
        if (!_history.TryGetValue(symbol, out List<Tick>? ticks))
        {
            ticks = [];
            _history[symbol] = ticks;
        }

        ticks.Add(tick);
    }
}
