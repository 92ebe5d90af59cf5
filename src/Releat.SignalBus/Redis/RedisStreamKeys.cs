namespace Releat.SignalBus.Redis;

/// <summary>
/// Key names: &lt;prefix&gt;:signals:&lt;agent&gt; is the agent's stream, ...:latest its newest signal,
/// &lt;prefix&gt;:holdings:&lt;agent&gt; what the trader holds for it (and the channel ...:posted announces each change).
/// </summary>
internal sealed class RedisStreamKeys(string prefix)
{
    /// <summary>The stream entry field holding the serialized releat.v1.Signal.</summary>
    public const string SignalField = "s";

    public string Stream(string agentId) => $"{prefix}:signals:{agentId}";

    public string Latest(string agentId) => $"{prefix}:signals:{agentId}:latest";

    public string Holding(string agentId) => $"{prefix}:holdings:{agentId}";

    /// <summary>The pub/sub channel each post of the agent's holding is also published on.</summary>
    public string HoldingChannel(string agentId) => $"{prefix}:holdings:{agentId}:posted";
}
