using Microsoft.Extensions.Logging;
using Releat.Contracts.V1;
using Releat.SignalBus;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// Posts what the trader holds for each agent on the bus whenever it changes, so the signal service's next decision
/// uses the real position. A post the bus refuses is retried on the next call; a holding is never skipped, because
/// the one compared against is the last one the bus accepted.
/// </summary>
internal sealed class HoldingBoard(ISignalBus bus, ILogger logger)
{
    private readonly Dictionary<string, TraderHolding> _posted = new(StringComparer.Ordinal);

    public async Task PostChangesAsync(IReadOnlyList<TraderHolding> holdings, CancellationToken cancellation)
    {
        foreach (var holding in holdings)
        {
            if (_posted.TryGetValue(holding.AgentId, out var last) && SamePosition(last, holding))
            {
                continue;
            }

            try
            {
                await bus.PostHoldingAsync(holding, cancellation).ConfigureAwait(false);
                _posted[holding.AgentId] = holding;
            }
            catch (SignalBusUnavailableException e)
            {
                logger.LoopWaiting("the signal bus (posting holdings)", e.Message, TimeSpan.Zero);
                return;
            }
        }
    }

    /// <summary>Equal but for the time of the check: a re-post of an unchanged position is noise on the bus.</summary>
    private static bool SamePosition(TraderHolding a, TraderHolding b) =>
        a.Units == b.Units && a.Lots == b.Lots && a.OpenPrice == b.OpenPrice && Equals(a.OpenTime, b.OpenTime);
}
