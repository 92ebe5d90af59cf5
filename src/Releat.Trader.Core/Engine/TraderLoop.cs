using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Releat.SignalBus;
using Releat.Trader.Core.Orders;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// The trader's consumer loop: start the engine (journal replay, unfinished orders, reconciliation), then take
/// signals from the bus, hand each to the engine until it is handled, and acknowledge it only then. A crash anywhere
/// leaves the signal pending on the bus and, if orders were decided, in the journal; the restarted loop gets the
/// signal again and the engine recognises it, so every signal is acted on exactly once. Bus or gateway outages are
/// waited out with backoff.
/// </summary>
public sealed class TraderLoop(TraderEngine engine, ISignalBus bus, SignalSubscription subscription, TraderLoopOptions? options = null, ILogger? logger = null)
{
    private readonly TraderLoopOptions _options = options ?? new TraderLoopOptions();
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>Signals handled (acknowledged, and the holdings they changed posted) since the loop started.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    private long _handled;

    public async Task RunAsync(CancellationToken cancellation)
    {
        await RetryAsync(() => engine.StartAsync(cancellation), "starting", cancellation).ConfigureAwait(false);
        var holdings = new HoldingBoard(bus, _log);
        await holdings.PostChangesAsync(engine.Holdings, cancellation).ConfigureAwait(false);
        await using var consumer = bus.OpenConsumer(subscription);
        var backoff = _options.Backoff;
        while (!cancellation.IsCancellationRequested)
        {
            IReadOnlyList<SignalDelivery> deliveries;
            try
            {
                var wait = TimeSpan.FromTicks(Math.Min(_options.ReceiveWait.Ticks, Math.Max(engine.UntilNextCheck.Ticks, TimeSpan.TicksPerMillisecond)));
                deliveries = await consumer.ReceiveAsync(wait, cancellation).ConfigureAwait(false);
                backoff = _options.Backoff;
            }
            catch (SignalBusUnavailableException e)
            {
                _log.LoopWaiting("the signal bus", e.Message, backoff);
                await Task.Delay(backoff, cancellation).ConfigureAwait(false);
                backoff = Next(backoff);
                continue;
            }
            catch (SignalFormatException e)
            {
                _log.LoopSkipped(e.Message);
                continue;
            }

            foreach (var delivery in deliveries)
            {
                await RetryAsync(() => engine.HandleAsync(delivery.Signal, delivery.EntryId, cancellation), "handling a signal", cancellation)
                    .ConfigureAwait(false);
                await AcknowledgeAsync(consumer, delivery, cancellation).ConfigureAwait(false);
                await holdings.PostChangesAsync(engine.Holdings, cancellation).ConfigureAwait(false);
                Interlocked.Increment(ref _handled);
            }

            try
            {
                await engine.CheckAsync(cancellation).ConfigureAwait(false);
                await holdings.PostChangesAsync(engine.Holdings, cancellation).ConfigureAwait(false);
            }
            catch (OrderGatewayUnavailableException e)
            {
                _log.LoopWaiting("the order gateway", e.Message, _options.Backoff);
            }
        }
    }

    /// <summary>
    /// Acknowledges, retrying a few times. If the bus stays away the entry remains pending and comes back later,
    /// where the journal marks it a duplicate: nothing is traded twice either way.
    /// </summary>
    private async Task AcknowledgeAsync(ISignalConsumer consumer, SignalDelivery delivery, CancellationToken cancellation)
    {
        var backoff = _options.Backoff;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                await consumer.AcknowledgeAsync(delivery, cancellation).ConfigureAwait(false);
                return;
            }
            catch (SignalBusUnavailableException e)
            {
                _log.LoopWaiting("the signal bus (acknowledging)", e.Message, backoff);
                await Task.Delay(backoff, cancellation).ConfigureAwait(false);
                backoff = Next(backoff);
            }
        }
    }

    private async Task RetryAsync(Func<Task> action, string what, CancellationToken cancellation)
    {
        var backoff = _options.Backoff;
        while (true)
        {
            try
            {
                await action().ConfigureAwait(false);
                return;
            }
            catch (OrderGatewayUnavailableException e)
            {
                _log.LoopWaiting("the order gateway (" + what + ")", e.Message, backoff);
                await Task.Delay(backoff, cancellation).ConfigureAwait(false);
                backoff = Next(backoff);
            }
        }
    }

    private TimeSpan Next(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
}
