using Releat.SignalBus.Redis;

namespace Releat.SignalBus;

/// <summary>Configuration section "SignalBus": which bus, how many signals each agent's stream keeps, and Redis's address.</summary>
public sealed class SignalBusOptions
{
    public const string Section = "SignalBus";

    /// <summary>InMemory for one process (embedded mode, tests), Redis between services.</summary>
    public SignalBusMode Mode { get; set; } = SignalBusMode.InMemory;

    /// <summary>
    /// Signals kept per agent stream; older ones are trimmed (Redis trims lazily, "MAXLEN ~", so a few more may stay).
    /// A consumer that falls this far behind loses the oldest: size it for the longest outage to ride out
    /// (10,000 is 28 hours of 10-second decisions).
    /// </summary>
    public int MaxLength { get; set; } = 10_000;

    public RedisSignalBusOptions Redis { get; set; } = new();
}
