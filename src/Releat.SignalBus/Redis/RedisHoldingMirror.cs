using Releat.Contracts.V1;
using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>
/// The trader's holdings as this process last heard them. The signal service reads an agent's holding at every
/// decision, on the way from tick to order, so a read must not cost a round trip to Redis: the first read of an
/// agent subscribes to its holding channel (each post publishes there) and then reads the key; from then on each post
/// arrives as a message and a read is answered here. After the subscription connection fails or comes back, reads go
/// to the key until one of them has subscribed again and read the key behind it: a post missed in between is never
/// served as current.
/// </summary>
internal sealed class RedisHoldingMirror
{
    private readonly RedisSignalBus _bus;
    private readonly ISubscriber _subscriber;
    private readonly Dictionary<string, Mirrored> _agents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _epoch;

    public RedisHoldingMirror(RedisSignalBus bus, ConnectionMultiplexer connection)
    {
        _bus = bus;
        _subscriber = connection.GetSubscriber();
        connection.ConnectionFailed += (_, e) => Invalidate(e.ConnectionType);
        connection.ConnectionRestored += (_, e) => Invalidate(e.ConnectionType);
    }

    public async Task<TraderHolding?> ReadAsync(string agentId)
    {
        Mirrored agent;
        long epoch;
        long messages;
        lock (_gate)
        {
            if (!_agents.TryGetValue(agentId, out agent!))
            {
                agent = new Mirrored(this, _bus.Keys.Holding(agentId), _bus.Keys.HoldingChannel(agentId));
                _agents.Add(agentId, agent);
            }

            epoch = _epoch;
            if (agent.SyncedEpoch == epoch)
            {
                return agent.Holding;
            }

            messages = agent.Messages;
        }

        try
        {
            // Subscribe anew each time the mirror is out of date (first read, or the subscription connection moved):
            // when the reply is in, Redis sends every later post here, so the key read after it is never overtaken.
            await _subscriber.UnsubscribeAsync(agent.Channel, agent.OnMessage).ConfigureAwait(false);
            await _subscriber.SubscribeAsync(agent.Channel, agent.OnMessage).ConfigureAwait(false);
            RedisValue value = await _bus.Database.StringGetAsync(agent.Key).ConfigureAwait(false);
            TraderHolding? read = value.IsNull ? null : SignalPayload.ParseHolding(value!, agent.Key);
            lock (_gate)
            {
                // A message during the read is at least as new as what the read returned: keep the message's.
                if (agent.Messages == messages)
                {
                    agent.Holding = read;
                }

                if (_epoch == epoch)
                {
                    agent.SyncedEpoch = epoch;
                }

                return agent.Holding;
            }
        }
        catch (Exception e) when (RedisFailures.IsTransient(e))
        {
            throw RedisFailures.Unavailable($"reading {agent.Key}", _bus.Options.Address, e);
        }
    }

    private void Invalidate(ConnectionType connection)
    {
        if (connection == ConnectionType.Subscription)
        {
            lock (_gate)
            {
                _epoch++;
            }
        }
    }

    private void Received(Mirrored agent, RedisValue message)
    {
        TraderHolding? holding;
        try
        {
            holding = message.IsNull ? null : SignalPayload.ParseHolding(message!, agent.Channel.ToString());
        }
        catch (SignalFormatException)
        {
            // Not ours to trust: the next read goes to the key and reports what is wrong with it.
            lock (_gate)
            {
                agent.SyncedEpoch = -1;
            }

            return;
        }

        lock (_gate)
        {
            agent.Holding = holding;
            agent.Messages++;
        }
    }

    private sealed class Mirrored
    {
        public Mirrored(RedisHoldingMirror mirror, string key, string channel)
        {
            Key = key;
            Channel = RedisChannel.Literal(channel);
            OnMessage = (_, message) => mirror.Received(this, message);
        }

        public string Key { get; }

        public RedisChannel Channel { get; }

        public Action<RedisChannel, RedisValue> OnMessage { get; }

        public TraderHolding? Holding { get; set; }

        public long Messages { get; set; }

        public long SyncedEpoch { get; set; } = -1;
    }
}
