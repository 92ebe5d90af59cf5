using System.Globalization;
using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>
/// A consumer of the Redis bus. On start, and after any failure that may have swallowed a reply, it first re-reads
/// its own pending history (XREADGROUP from id 0), then claims what dead consumers left (XPENDING, XCLAIM), then blocks for
/// new entries (XREADGROUP ... BLOCK ... &gt;) on a connection of its own, so blocking never delays other commands.
/// All but the blocking read go through the client's typed stream API; StackExchange.Redis has no BLOCK option (its
/// multiplexed connection must never stall), so that one read is sent with Execute on the dedicated connection.
/// That connection carries a name of this consumer's own: the client renames it to its configured name whenever it
/// connects again, so a changed name read behind a blocking read says Redis may have restarted in between, and the
/// entries are taken from this consumer's history, oldest first.
/// </summary>
internal sealed class RedisSignalConsumer : ISignalConsumer
{
    private static readonly IReadOnlyList<SignalDelivery> None = [];

    private readonly RedisSignalBus _bus;
    private readonly SignalSubscription _subscription;
    private readonly ConnectionMultiplexer _blocking;
    private readonly Dictionary<string, string> _agentByKey = new(StringComparer.Ordinal);
    private readonly string[] _keys;
    private readonly string[] _historyCursor;
    private readonly TimeSpan _claimEvery;
    private readonly string _connectionMark;
    private bool _groupsReady;
    private bool _connectionMarked;
    private bool _historyPending;
    private long _nextClaimCheck;

    public RedisSignalConsumer(RedisSignalBus bus, SignalSubscription subscription)
    {
        _bus = bus;
        _subscription = subscription;
        _keys = [.. subscription.AgentIds.Select(bus.Keys.Stream)];
        for (int i = 0; i < _keys.Length; i++)
        {
            _agentByKey[_keys[i]] = subscription.AgentIds[i];
        }

        _historyCursor = new string[_keys.Length];
        RestartHistory();
        _claimEvery = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, subscription.ClaimIdleAfter.Ticks / 2));
        var blockTimeout = bus.Options.MaxBlock + TimeSpan.FromSeconds(5);
        var configuration = RedisConnections.Configuration(bus.Options, blockTimeout, "releat-signal-consumer-" + subscription.Consumer);
        _connectionMark = configuration.ClientName + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        // RESP2 on this one: the blocking read's reply is decoded here (StreamReplies.ReadGroup) in that shape.
        configuration.Protocol = RedisProtocol.Resp2;
        _blocking = ConnectionMultiplexer.Connect(configuration);
    }

    public async Task<IReadOnlyList<SignalDelivery>> ReceiveAsync(TimeSpan wait, CancellationToken cancellation = default)
    {
        try
        {
            await EnsureGroupsAsync().ConfigureAwait(false);
            if (_historyPending)
            {
                var own = await ReadOwnPendingAsync().ConfigureAwait(false);
                if (own.Count > 0)
                {
                    return own;
                }
            }

            if (Environment.TickCount64 >= _nextClaimCheck)
            {
                _nextClaimCheck = Environment.TickCount64 + (long)_claimEvery.TotalMilliseconds;
                var claimed = await ClaimIdleAsync().ConfigureAwait(false);
                if (claimed.Count > 0)
                {
                    return claimed;
                }
            }

            return await ReadNewAsync(wait, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsMissingGroup(e))
        {
            // Redis lost its data (no persistence): recreate the groups; entries published since are read from the start.
            _groupsReady = false;
            throw RedisFailures.Unavailable("reading (consumer group missing, recreating it)", _bus.Options.Address, e);
        }
        catch (Exception e) when (RedisFailures.IsTransient(e))
        {
            // A reply lost on the way may have handed entries to this consumer: look at its pending history first.
            RestartHistory();
            throw RedisFailures.Unavailable("reading signals", _bus.Options.Address, e);
        }
    }

    public async Task AcknowledgeAsync(SignalDelivery delivery, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        string key = _bus.Keys.Stream(delivery.AgentId);
        try
        {
            await _bus.Database.StreamAcknowledgeAsync(key, _subscription.Group, delivery.EntryId).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsTransient(e))
        {
            throw RedisFailures.Unavailable($"acknowledging {key} {delivery.EntryId}", _bus.Options.Address, e);
        }
    }

    public async ValueTask DisposeAsync() => await _blocking.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);

    private async Task EnsureGroupsAsync()
    {
        if (_groupsReady)
        {
            return;
        }

        foreach (var key in _keys)
        {
            try
            {
                // From id 0: a trader starting after the signal service still gets what was published before.
                await _bus.Database.StreamCreateConsumerGroupAsync(key, _subscription.Group, "0", createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists, with its pending and acknowledged state: exactly what a restart needs.
            }
        }

        _groupsReady = true;
    }

    /// <summary>
    /// This consumer's unacknowledged entries, walked with a cursor per stream across calls (each entry comes back once
    /// per walk, acknowledged or not) until every history is exhausted.
    /// </summary>
    private async Task<IReadOnlyList<SignalDelivery>> ReadOwnPendingAsync()
    {
        var deliveries = new List<SignalDelivery>();
        var open = Enumerable.Range(0, _keys.Length).ToList();
        while (open.Count > 0 && deliveries.Count == 0)
        {
            StreamPosition[] positions = [.. open.Select(i => new StreamPosition(_keys[i], _historyCursor[i]))];
            var streams = await _bus.Database.StreamReadGroupAsync(positions, _subscription.Group, _subscription.Consumer, _subscription.BatchSize).ConfigureAwait(false);
            var entries = new List<StreamEntry>();
            foreach (var stream in streams)
            {
                StreamReplies.Add(stream.Key!, stream.Entries, entries);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                seen.Add(entry.Key);
                _historyCursor[Array.IndexOf(_keys, entry.Key)] = entry.Id;
                await AddDeliveryAsync(entry, redelivered: true, deliveries).ConfigureAwait(false);
            }

            open.RemoveAll(i => !seen.Contains(_keys[i]));
        }

        _historyPending = deliveries.Count > 0;
        return deliveries;
    }

    /// <summary>
    /// The next receive starts a walk of this consumer's history from its oldest entry; the walk covers any reconnect
    /// so far, so the blocking connection is marked again before its next read.
    /// </summary>
    private void RestartHistory()
    {
        _historyPending = true;
        _connectionMarked = false;
        Array.Fill(_historyCursor, "0", 0, _historyCursor.Length);
    }

    /// <summary>
    /// Entries other consumers have held unacknowledged for ClaimIdleAfter or longer become this consumer's. Its own
    /// are left to the history walk: after a Redis restart every pending entry looks idle, and claiming its own would
    /// deliver them a second time.
    /// </summary>
    private async Task<IReadOnlyList<SignalDelivery>> ClaimIdleAsync()
    {
        var deliveries = new List<SignalDelivery>();
        long minIdle = (long)_subscription.ClaimIdleAfter.TotalMilliseconds;
        foreach (var key in _keys)
        {
            RedisValue from = "-";
            while (deliveries.Count < _subscription.BatchSize)
            {
                var pending = await _bus.Database.StreamPendingMessagesAsync(
                    key, _subscription.Group, _subscription.BatchSize, RedisValue.Null, from, "+", minIdle).ConfigureAwait(false);
                RedisValue[] others = [.. pending.Where(p => p.ConsumerName != _subscription.Consumer).Select(p => p.MessageId)];
                if (others.Length > 0)
                {
                    var entries = new List<StreamEntry>();
                    var claimed = await _bus.Database.StreamClaimAsync(key, _subscription.Group, _subscription.Consumer, minIdle, others).ConfigureAwait(false);
                    StreamReplies.Add(key, claimed, entries);
                    foreach (var entry in entries)
                    {
                        await AddDeliveryAsync(entry, redelivered: true, deliveries).ConfigureAwait(false);
                    }
                }

                if (pending.Length < _subscription.BatchSize)
                {
                    break;
                }

                from = "(" + pending[^1].MessageId;
            }
        }

        return deliveries;
    }

    /// <summary>New entries, blocking in slices of at most MaxBlock until one arrives or the wait is over.</summary>
    private async Task<IReadOnlyList<SignalDelivery>> ReadNewAsync(TimeSpan wait, CancellationToken cancellation)
    {
        long deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        var database = _blocking.GetDatabase();
        do
        {
            cancellation.ThrowIfCancellationRequested();

            long block = Math.Clamp(deadline - Environment.TickCount64, 0, (long)_bus.Options.MaxBlock.TotalMilliseconds);
            var arguments = new List<object> { "GROUP", _subscription.Group, _subscription.Consumer, "COUNT", Count() };
            if (block > 0)
            {
                arguments.Add("BLOCK");
                arguments.Add(block.ToString(CultureInfo.InvariantCulture));
            }

            arguments.Add("STREAMS");
            arguments.AddRange(_keys);
            arguments.AddRange(_keys.Select(_ => (object)">"));
            RedisResult reply;
            string? connectionName;
            try
            {
                if (!_connectionMarked)
                {
                    await database.ExecuteAsync("CLIENT", "SETNAME", _connectionMark).ConfigureAwait(false);
                    _connectionMarked = true;
                }

                // Sent behind the read on the same connection: Redis answers it as soon as the read returns.
                var read = database.ExecuteAsync("XREADGROUP", arguments);
                var name = database.ExecuteAsync("CLIENT", "GETNAME");
                reply = await read.WaitAsync(cancellation).ConfigureAwait(false);
                connectionName = (string?)await name.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The read is still blocked in Redis and may yet hand this consumer entries; they stay pending with it.
                RestartHistory();
                throw;
            }
            catch (RedisConnectionException e)
            {
                // No history walk for this one: if the read reached Redis and its reply was lost, the reply went down
                // with the connection, and the first read on the next connection finds its name changed and walks.
                throw RedisFailures.Unavailable("reading signals", _bus.Options.Address, e);
            }

            if (!string.Equals(connectionName, _connectionMark, StringComparison.Ordinal))
            {
                // The client connected again since the last read (Redis may have restarted and kept entries this
                // consumer had been handed): whatever this read returned is pending with the consumer now, behind
                // anything older, and its history gives it all, oldest first.
                RestartHistory();
                var own = await ReadOwnPendingAsync().ConfigureAwait(false);
                if (own.Count > 0)
                {
                    return own;
                }

                continue;
            }

            var entries = StreamReplies.ReadGroup(reply);
            if (entries.Count > 0)
            {
                var deliveries = new List<SignalDelivery>(entries.Count);
                foreach (var entry in entries)
                {
                    await AddDeliveryAsync(entry, redelivered: false, deliveries).ConfigureAwait(false);
                }

                return deliveries;
            }
        }
        while (Environment.TickCount64 < deadline);

        return None;
    }

    /// <summary>
    /// Turns an entry into a delivery. An entry trimmed away while pending has nothing left to deliver and is
    /// acknowledged; one that is not a Signal is acknowledged too (it would block the group forever) and reported.
    /// </summary>
    private async Task AddDeliveryAsync(StreamEntry entry, bool redelivered, List<SignalDelivery> deliveries)
    {
        string agent = _agentByKey[entry.Key];
        if (entry.Payload is null)
        {
            await _bus.Database.StreamAcknowledgeAsync(entry.Key, _subscription.Group, entry.Id).ConfigureAwait(false);
            return;
        }

        Contracts.V1.Signal signal;
        try
        {
            signal = entry.Payload.Length > 0
                ? SignalPayload.Parse(entry.Payload, entry.Key, "entry " + entry.Id)
                : throw new SignalFormatException($"{entry.Key} entry {entry.Id}: no '{RedisStreamKeys.SignalField}' field (not written by the signal bus)");
        }
        catch (SignalFormatException)
        {
            // Left pending it would come back forever; what was collected before it stays pending and returns next time.
            await _bus.Database.StreamAcknowledgeAsync(entry.Key, _subscription.Group, entry.Id).ConfigureAwait(false);
            RestartHistory();
            throw;
        }

        deliveries.Add(new SignalDelivery(agent, entry.Id, signal, redelivered));
    }

    private string Count() => _subscription.BatchSize.ToString(CultureInfo.InvariantCulture);
}
