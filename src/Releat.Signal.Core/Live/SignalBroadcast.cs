using System.Threading.Channels;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Live;

/// <summary>
/// Signals as this process publishes them, to any number of listeners (the StreamSignals call). Each listener has a
/// bounded queue; one that falls behind loses its oldest signals rather than slowing the decisions down.
/// </summary>
public sealed class SignalBroadcast
{
    private readonly List<Channel<V1.Signal>> _listeners = [];
    private readonly Lock _gate = new();
    private readonly int _capacity;

    public SignalBroadcast(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int Listeners
    {
        get
        {
            lock (_gate)
            {
                return _listeners.Count;
            }
        }
    }

    /// <summary>Hands a published signal to every listener (the signaller's Published callback).</summary>
    public void Post(V1.Signal signal)
    {
        lock (_gate)
        {
            foreach (Channel<V1.Signal> listener in _listeners)
            {
                listener.Writer.TryWrite(signal);
            }
        }
    }

    /// <summary>The signals published from now on, of one agent or all (empty id), until cancelled.</summary>
    public async IAsyncEnumerable<V1.Signal> ListenAsync(string agentId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var listener = Channel.CreateBounded<V1.Signal>(new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        try
        {
            await foreach (V1.Signal signal in listener.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                if (agentId.Length == 0 || string.Equals(signal.AgentId, agentId, StringComparison.Ordinal))
                {
                    yield return signal;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners.Remove(listener);
            }
        }
    }
}
