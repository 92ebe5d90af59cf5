using StackExchange.Redis;

namespace Releat.Features.Store;

/// <summary>
/// The feature store on Redis, for what several processes share: the latest live observation of each agent
/// (key &lt;prefix&gt;:latest:&lt;agent&gt;, also published on a channel of the same name) and small datasets (one
/// binary value per array, written in one transaction, metadata last).
/// </summary>
public sealed class RedisFeatureStore : IFeatureStore, IDisposable
{
    /// <summary>Redis strings hold up to 512 MB; datasets beyond this belong in the file store.</summary>
    public const long MaxDatasetBytes = 256L << 20;

    private const int DefaultTimeoutMs = 5_000;

    private readonly ConnectionMultiplexer _connection;
    private readonly string _prefix;

    /// <summary>
    /// Connects to Redis from a StackExchange.Redis configuration string, e.g. "127.0.0.1:6379" or
    /// "redis:6379,user=feature-builder" (the password is better given through <paramref name="password"/>, read from a
    /// secret file, than in the string).
    /// </summary>
    public RedisFeatureStore(string configuration, string prefix = "releat", string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var options = ConfigurationOptions.Parse(configuration);
        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            // The client's default of 1 s counts the time its reply waits for a thread-pool thread: on a busy
            // two-core machine a reply already read could miss it (seen in CI). Calls here are small; 5 s, as the bus.
            options.SyncTimeout = DefaultTimeoutMs;
            options.AsyncTimeout = DefaultTimeoutMs;
        }

        if (password is not null)
        {
            options.Password = password;
        }

        // As the bus's connections: nothing the feature-builder's ACL user may not do (no tie-breaker key, no
        // configuration channel, no INFO/CONFIG/CLUSTER at connect, no CLIENT SETINFO, which Redis 7.0 lacks).
        options.TieBreaker = "";
        options.ConfigurationChannel = "";
        options.DefaultVersion = new Version(7, 0);
        options.SetClientLibrary = false;
        options.CommandMap = CommandMap.Create(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "INFO", "CONFIG", "CLUSTER" }, available: false);
        _connection = ConnectionMultiplexer.Connect(options);
        _prefix = prefix;
    }

    public IDatasetWriter CreateDataset(string name, int width) =>
        new RedisDatasetWriter(_connection.GetDatabase(), RedisDatasetKeys.For(_prefix, name), width, MaxDatasetBytes);

    public IDataset OpenDataset(string name)
    {
        RedisDatasetKeys keys = RedisDatasetKeys.For(_prefix, name);
        IDatabase database = _connection.GetDatabase();
        RedisValue[] values = database.StringGet([keys.Metadata, keys.Times, keys.Observations, keys.Executions]);
        if (values[0].IsNull)
        {
            throw new DatasetFormatException($"{keys.Metadata}: missing (no complete dataset '{name}' in Redis)");
        }

        DatasetMetadata metadata = DatasetJson.Deserialize(values[0]!, keys.Metadata);
        return InMemoryDataset.FromBytes(metadata, values[1]!, values[2]!, values[3]!, $"redis {_prefix}:dataset:{name}");
    }

    public bool HasDataset(string name) => _connection.GetDatabase().KeyExists(RedisDatasetKeys.For(_prefix, name).Metadata);

    public void PublishLatest(string agentId, LatestObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        byte[] bytes = LatestObservationCodec.Encode(observation);
        string key = LatestKey(agentId);
        _connection.GetDatabase().StringSet(key, bytes);
        _connection.GetSubscriber().Publish(RedisChannel.Literal(key), bytes);
    }

    public LatestObservation? ReadLatest(string agentId)
    {
        string key = LatestKey(agentId);
        RedisValue value = _connection.GetDatabase().StringGet(key);
        return value.IsNull ? null : LatestObservationCodec.Decode(value!, key);
    }

    public void Dispose() => _connection.Dispose();

    private string LatestKey(string agentId) => $"{_prefix}:latest:{agentId}";
}
