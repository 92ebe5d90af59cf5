namespace Releat.SignalBus.Redis;

/// <summary>
/// Key names, all under one prefix per agent so that an ACL key pattern can say "this agent's keys"
/// (&lt;prefix&gt;:agent:&lt;agent&gt;:*): ...:signals is the agent's stream, ...:latest its newest signal,
/// ...:holding what the trader holds for it, and the channel ...:holding:posted announces each change.
/// </summary>
internal sealed class RedisStreamKeys(string prefix)
{
    /// <summary>The stream entry field holding the serialized releat.v1.Signal.</summary>
    public const string SignalField = "s";

    public string Stream(string agentId) => $"{AgentPrefix(prefix, agentId)}signals";

    public string Latest(string agentId) => $"{AgentPrefix(prefix, agentId)}latest";

    public string Holding(string agentId) => $"{AgentPrefix(prefix, agentId)}holding";

    /// <summary>The pub/sub channel each post of the agent's holding is also published on.</summary>
    public string HoldingChannel(string agentId) => $"{AgentPrefix(prefix, agentId)}holding:posted";

    /// <summary>What every key and channel of one agent starts with.</summary>
    public static string AgentPrefix(string prefix, string agentId) => $"{prefix}:agent:{agentId}:";
}
