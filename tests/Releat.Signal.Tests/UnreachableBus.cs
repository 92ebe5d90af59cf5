using Releat.SignalBus;
using Releat.SignalBus.InMemory;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Tests;

/// <summary>An in-memory bus that can be switched off: every call then fails as an unreachable Redis does.</summary>
internal sealed class UnreachableBus : ISignalBus
{
    private readonly InMemorySignalBus _bus = new();

    public bool Down { get; set; }

    public Task<string> PublishAsync(V1.Signal signal, CancellationToken cancellation = default) =>
        Down ? throw Unavailable() : _bus.PublishAsync(signal, cancellation);

    public Task<V1.Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default) =>
        Down ? throw Unavailable() : _bus.ReadLatestAsync(agentId, cancellation);

    public Task PostHoldingAsync(V1.TraderHolding holding, CancellationToken cancellation = default) =>
        Down ? throw Unavailable() : _bus.PostHoldingAsync(holding, cancellation);

    public Task<V1.TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default) =>
        Down ? throw Unavailable() : _bus.ReadHoldingAsync(agentId, cancellation);

    public ISignalConsumer OpenConsumer(SignalSubscription subscription) => _bus.OpenConsumer(subscription);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    private static SignalBusUnavailableException Unavailable() => new("publishing to releat:agent:s00001:signals: Redis at 127.0.0.1:6379 is unreachable");
}
