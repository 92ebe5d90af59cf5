namespace Releat.SignalBus;

/// <summary>
/// Who reads which agents' signals: the consumer group (all traders sharing the work), this consumer's name within
/// it (keep it stable across restarts, e.g. the host name, so a restart picks up its own pending entries), and how
/// long another consumer's delivery may stay unacknowledged before this one takes it over.
/// </summary>
public sealed record SignalSubscription(string Group, string Consumer, IReadOnlyList<string> AgentIds)
{
    /// <summary>Pending entries of a consumer idle this long are claimed by another; its restart is usually quicker.</summary>
    public TimeSpan ClaimIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most deliveries one receive returns.</summary>
    public int BatchSize { get; init; } = 64;

    internal void Validate()
    {
        Require(Group, nameof(Group));
        Require(Consumer, nameof(Consumer));
        if (AgentIds is null || AgentIds.Count == 0)
        {
            throw new ArgumentException("SignalSubscription.AgentIds: name at least one agent", nameof(AgentIds));
        }

        foreach (var agent in AgentIds)
        {
            Require(agent, nameof(AgentIds));
        }

        if (BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "SignalSubscription.BatchSize must be positive");
        }

        if (ClaimIdleAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ClaimIdleAfter), ClaimIdleAfter, "SignalSubscription.ClaimIdleAfter must be positive");
        }
    }

    private static void Require(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"SignalSubscription.{field}: must not be empty", field);
        }
    }
}
