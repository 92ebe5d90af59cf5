namespace Releat.SignalBus;

/// <summary>
/// One member of a consumer group. A delivery stays pending, owned by this consumer, until it is acknowledged;
/// acknowledged entries are never delivered again. Not thread-safe: one loop reads and acknowledges.
/// </summary>
public interface ISignalConsumer : IAsyncDisposable
{
    /// <summary>
    /// The next signals, in this order of preference: this consumer's own unacknowledged deliveries (it restarted),
    /// entries pending with other consumers idle longer than <see cref="SignalSubscription.ClaimIdleAfter"/> (they
    /// died), then new entries, waiting up to <paramref name="wait"/> for one. Empty when nothing came in time.
    /// </summary>
    /// <exception cref="SignalBusUnavailableException">The bus could not be reached; call again later.</exception>
    Task<IReadOnlyList<SignalDelivery>> ReceiveAsync(TimeSpan wait, CancellationToken cancellation = default);

    /// <summary>Marks the delivery done for the whole group: it will not be delivered again.</summary>
    /// <exception cref="SignalBusUnavailableException">The bus could not be reached; the entry stays pending.</exception>
    Task AcknowledgeAsync(SignalDelivery delivery, CancellationToken cancellation = default);
}
