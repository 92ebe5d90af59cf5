using Microsoft.Extensions.Logging;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Reconciliation;

/// <summary>
/// Keeps the agents' books true to the broker: on every refresh, and so at start before any signal, each book takes
/// the broker's volumes and floating P&amp;L, and a position the broker no longer has (a stop, a stop-out, a manual
/// close) leaves its book. Each difference is logged and journaled, so a restart replays the same books.
/// </summary>
internal sealed class BrokerReconciliation(AgentBooks books, TradeJournal journal, TraderClock clock, ILogger log)
{
    public void Reconcile(IReadOnlyList<V1.Position> positions)
    {
        var byId = positions.ToDictionary(p => p.PositionId);
        foreach (var book in books.All)
        {
            foreach (var (positionId, lots, note) in book.Reconcile(byId))
            {
                log.Reconciled(book.Agent.AgentId, note);
                journal.Append(new JournalEntry
                {
                    Kind = JournalKinds.Reconcile, Wall = clock.WallUtc, MarketMs = clock.MarketMs, Agent = book.Agent.AgentId,
                    PositionId = positionId, Lots = lots, Message = note,
                });
            }
        }
    }

    /// <summary>Replays a reconciliation line; false for other lines.</summary>
    public bool Replay(JournalEntry entry)
    {
        if (entry.Kind != JournalKinds.Reconcile)
        {
            return false;
        }

        books.Of(entry.Agent)?.SetLots(entry.PositionId ?? 0, entry.Lots ?? 0);
        return true;
    }
}
