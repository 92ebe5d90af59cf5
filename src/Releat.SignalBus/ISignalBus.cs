using Releat.Contracts.V1;

namespace Releat.SignalBus;

/// <summary>
/// Where the signal service puts each decision and the trader takes it from. Every agent has its own bounded stream
/// of signals and a "latest" slot. Consumers read through a named group with explicit acknowledgement: an entry is
/// delivered to one consumer of the group, stays pending until acknowledged, and is delivered again (to the same
/// consumer after a restart, or to another one once it has been idle long enough) if it never is.
/// </summary>
public interface ISignalBus : IAsyncDisposable
{
    /// <summary>Appends the signal to its agent's stream and makes it the agent's latest; returns the entry id.</summary>
    /// <exception cref="SignalBusUnavailableException">The bus could not be reached; nothing or everything was written.</exception>
    Task<string> PublishAsync(Signal signal, CancellationToken cancellation = default);

    /// <summary>The agent's most recently published signal, or null before its first.</summary>
    Task<Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default);

    /// <summary>
    /// Posts what the trader holds for an agent (the reverse direction: trader to signal service), replacing the
    /// agent's previous holding, so the next decision is taken with the real position.
    /// </summary>
    /// <exception cref="SignalBusUnavailableException">The bus could not be reached.</exception>
    Task PostHoldingAsync(TraderHolding holding, CancellationToken cancellation = default);

    /// <summary>The agent's last posted holding, or null when the trader has posted none (treat as flat).</summary>
    /// <exception cref="SignalBusUnavailableException">The bus could not be reached.</exception>
    Task<TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default);

    /// <summary>A consumer in a group, reading the streams of the subscription's agents.</summary>
    ISignalConsumer OpenConsumer(SignalSubscription subscription);
}
