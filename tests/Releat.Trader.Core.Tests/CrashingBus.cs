using Releat.Contracts.V1;
using Releat.SignalBus;

namespace Releat.Trader.Core.Tests;

/// <summary>A bus whose consumers "crash" the trader on a chosen acknowledgement: after the journal, before the ack.</summary>
internal sealed class CrashingBus(ISignalBus inner) : ISignalBus
{
    /// <summary>Counts acknowledgements over all consumers; the one with this number (1-based) crashes instead.</summary>
    public int? CrashOnAcknowledgement { get; set; }

    public int Acknowledgements { get; private set; }

    public Task<string> PublishAsync(Signal signal, CancellationToken cancellation = default) => inner.PublishAsync(signal, cancellation);

    public Task<Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default) => inner.ReadLatestAsync(agentId, cancellation);

    public Task PostHoldingAsync(TraderHolding holding, CancellationToken cancellation = default) => inner.PostHoldingAsync(holding, cancellation);

    public Task<TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default) => inner.ReadHoldingAsync(agentId, cancellation);

    public ISignalConsumer OpenConsumer(SignalSubscription subscription) => new Consumer(this, inner.OpenConsumer(subscription));

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class Consumer(CrashingBus bus, ISignalConsumer inner) : ISignalConsumer
    {
        public Task<IReadOnlyList<SignalDelivery>> ReceiveAsync(TimeSpan wait, CancellationToken cancellation = default) =>
            inner.ReceiveAsync(wait, cancellation);

        public Task AcknowledgeAsync(SignalDelivery delivery, CancellationToken cancellation = default)
        {
            if (++bus.Acknowledgements == bus.CrashOnAcknowledgement)
            {
                bus.CrashOnAcknowledgement = null;
                throw new SimulatedCrash("the trader died between journaling a signal and acknowledging it");
            }

            return inner.AcknowledgeAsync(delivery, cancellation);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
