namespace Releat.SignalBus.InMemory;

/// <summary>A group's position in one stream: the last entry handed out, and the entries delivered but not yet acknowledged.</summary>
internal sealed class ConsumerGroupState
{
    public long LastDelivered { get; set; }

    /// <summary>Unacknowledged entries by sequence, oldest first (the pending entries list of a Redis group).</summary>
    public SortedDictionary<long, PendingDelivery> Pending { get; } = [];
}

/// <summary>Who holds an unacknowledged entry, since when (UTC ticks of the bus's time), and how often it was delivered.</summary>
internal sealed class PendingDelivery(string consumer, long deliveredAtTicks)
{
    public string Consumer { get; set; } = consumer;

    public long DeliveredAtTicks { get; set; } = deliveredAtTicks;

    public int Deliveries { get; set; } = 1;
}
