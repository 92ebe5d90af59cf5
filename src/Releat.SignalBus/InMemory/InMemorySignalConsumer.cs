namespace Releat.SignalBus.InMemory;

/// <summary>A consumer of the in-memory bus: own pending first, then idle entries of other consumers, then new ones.</summary>
internal sealed class InMemorySignalConsumer(InMemorySignalBus bus, SignalSubscription subscription) : ISignalConsumer
{
    private static readonly IReadOnlyList<SignalDelivery> None = [];

    // A consumer starts by taking back what it was given before and never acknowledged (it is a restart).
    private bool _ownPendingFirst = true;

    // How far the own-pending pass has got per agent, so each unacknowledged entry comes back once per pass.
    private readonly Dictionary<string, long> _pendingCursor = new(StringComparer.Ordinal);
    private bool _disposed;

    public async Task<IReadOnlyList<SignalDelivery>> ReceiveAsync(TimeSpan wait, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long deadline = bus.Time.GetTimestamp() + (long)(wait.TotalSeconds * bus.Time.TimestampFrequency);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            Task published;
            lock (bus.Gate)
            {
                var batch = new List<SignalDelivery>();
                if (_ownPendingFirst)
                {
                    CollectPending(batch, own: true);
                    _ownPendingFirst = batch.Count > 0;
                }

                if (batch.Count == 0)
                {
                    CollectPending(batch, own: false);
                }

                if (batch.Count == 0)
                {
                    CollectNew(batch);
                }

                if (batch.Count > 0)
                {
                    return batch;
                }

                published = bus.NextPublication;
            }

            var remaining = bus.Time.GetElapsedTime(bus.Time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                return None;
            }

            try
            {
                await published.WaitAsync(remaining, bus.Time, cancellation).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return None;
            }
        }
    }

    public Task AcknowledgeAsync(SignalDelivery delivery, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        long sequence = EntryIds.Parse(delivery.EntryId);
        lock (bus.Gate)
        {
            bus.StreamOf(delivery.AgentId).GroupOf(subscription.Group).Pending.Remove(sequence);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // What this consumer holds stays pending under its name, as with a process that dies.
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Own pending entries (own: true), or other consumers' entries idle at least ClaimIdleAfter, which become this
    /// consumer's. Entries trimmed from the stream meanwhile are dropped from the pending list, as XAUTOCLAIM does.
    /// </summary>
    private void CollectPending(List<SignalDelivery> batch, bool own)
    {
        long now = bus.Time.GetUtcNow().UtcTicks;
        long idleTicks = subscription.ClaimIdleAfter.Ticks;
        foreach (var agent in subscription.AgentIds)
        {
            var stream = bus.StreamOf(agent);
            var group = stream.GroupOf(subscription.Group);
            List<long>? trimmed = null;
            foreach (var (sequence, pending) in group.Pending)
            {
                if (batch.Count >= subscription.BatchSize)
                {
                    break;
                }

                bool mine = string.Equals(pending.Consumer, subscription.Consumer, StringComparison.Ordinal);
                if (own ? !mine || sequence <= _pendingCursor.GetValueOrDefault(agent) : mine || now - pending.DeliveredAtTicks < idleTicks)
                {
                    continue;
                }

                if (own)
                {
                    _pendingCursor[agent] = sequence;
                }

                if (!stream.TryGet(sequence, out var signal))
                {
                    (trimmed ??= []).Add(sequence);
                    continue;
                }

                pending.Consumer = subscription.Consumer;
                pending.DeliveredAtTicks = now;
                pending.Deliveries++;
                batch.Add(new SignalDelivery(agent, EntryIds.Format(sequence), signal, Redelivered: true));
            }

            trimmed?.ForEach(s => group.Pending.Remove(s));
        }
    }

    private void CollectNew(List<SignalDelivery> batch)
    {
        long now = bus.Time.GetUtcNow().UtcTicks;
        foreach (var agent in subscription.AgentIds)
        {
            var stream = bus.StreamOf(agent);
            var group = stream.GroupOf(subscription.Group);
            foreach (var (sequence, signal) in stream.After(group.LastDelivered, subscription.BatchSize - batch.Count))
            {
                group.LastDelivered = sequence;
                group.Pending[sequence] = new PendingDelivery(subscription.Consumer, now);
                batch.Add(new SignalDelivery(agent, EntryIds.Format(sequence), signal, Redelivered: false));
            }
        }
    }
}
