using Google.Protobuf;
using Releat.Contracts.V1;
using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>
/// The bus on Redis streams through StackExchange.Redis's typed API. Publishing appends to the agent's stream,
/// trimmed to about MaxLength entries (XADD MAXLEN ~), and sets the latest in the same MULTI/EXEC, so the two never
/// disagree; posting a holding sets its key and publishes it on its channel the same way. Each consumer blocks on
/// XREADGROUP over a connection of its own, so a signal reaches it in one round trip.
/// What survives a Redis restart (streams, groups, pending and acknowledged entries) is Redis persistence's job:
/// run it with appendonly yes. Each service logs in as its own ACL user (<see cref="RedisAclRules"/>).
/// </summary>
public sealed class RedisSignalBus : ISignalBus
{
    private readonly ConnectionMultiplexer _connection;
    private readonly int _maxLength;
    private readonly RedisHoldingMirror _holdings;

    public RedisSignalBus(RedisSignalBusOptions options, int maxLength = 10_000)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        Options = options;
        Keys = new RedisStreamKeys(options.KeyPrefix);
        _maxLength = maxLength;
        _connection = ConnectionMultiplexer.Connect(
            RedisConnections.Configuration(options, TimeSpan.FromSeconds(5), "releat-signal-bus"));
        _holdings = new RedisHoldingMirror(this, _connection);
    }

    internal RedisSignalBusOptions Options { get; }

    internal RedisStreamKeys Keys { get; }

    internal IDatabase Database => _connection.GetDatabase();

    public async Task<string> PublishAsync(Signal signal, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (string.IsNullOrEmpty(signal.AgentId))
        {
            throw new ArgumentException("Signal.agent_id: must not be empty to publish", nameof(signal));
        }

        string stream = Keys.Stream(signal.AgentId);
        byte[] payload = signal.ToByteArray();
        var transaction = Database.CreateTransaction();
        var id = transaction.StreamAddAsync(stream, RedisStreamKeys.SignalField, payload, maxLength: _maxLength, useApproximateMaxLength: true);
        _ = transaction.StringSetAsync(Keys.Latest(signal.AgentId), payload);
        try
        {
            await transaction.ExecuteAsync().ConfigureAwait(false);
            return (string)(await id.ConfigureAwait(false))!;
        }
        catch (Exception e) when (RedisFailures.IsTransient(e))
        {
            throw RedisFailures.Unavailable($"publishing to {stream}", Options.Address, e);
        }
    }

    public async Task<Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default)
    {
        string key = Keys.Latest(agentId);
        RedisValue value = await GetAsync(key).ConfigureAwait(false);
        return value.IsNull ? null : SignalPayload.Parse(value!, key, "latest");
    }

    public async Task PostHoldingAsync(TraderHolding holding, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(holding);
        if (string.IsNullOrEmpty(holding.AgentId))
        {
            throw new ArgumentException("TraderHolding.agent_id: must not be empty to post", nameof(holding));
        }

        string key = Keys.Holding(holding.AgentId);
        try
        {
            byte[] payload = holding.ToByteArray();
            var transaction = Database.CreateTransaction();
            _ = transaction.StringSetAsync(key, payload);
            _ = transaction.PublishAsync(RedisChannel.Literal(Keys.HoldingChannel(holding.AgentId)), payload);
            await transaction.ExecuteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsTransient(e))
        {
            throw RedisFailures.Unavailable($"posting {key}", Options.Address, e);
        }
    }

    /// <summary>From the local mirror, kept current by the holding channel: no round trip once an agent is mirrored.</summary>
    public Task<TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default) => _holdings.ReadAsync(agentId);

    /// <summary>One key's value; a Redis that cannot be reached is reported as the bus being unavailable.</summary>
    private async Task<RedisValue> GetAsync(string key)
    {
        try
        {
            return await Database.StringGetAsync(key).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailures.IsTransient(e))
        {
            throw RedisFailures.Unavailable($"reading {key}", Options.Address, e);
        }
    }

    public ISignalConsumer OpenConsumer(SignalSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Validate();
        return new RedisSignalConsumer(this, subscription);
    }

    public async ValueTask DisposeAsync() => await _connection.CloseAsync().ConfigureAwait(false);
}
