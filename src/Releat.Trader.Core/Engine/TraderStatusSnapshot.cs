using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Risk;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

/// <summary>The status and holdings readers take without waiting for the engine (gRPC status, metrics, the bus).</summary>
internal static class TraderStatusSnapshot
{
    public static (V1.TraderStatus Status, List<V1.TraderHolding> Holdings) Take(RiskEngine risk, AgentBooks books, MarketWatch market)
    {
        var status = new V1.TraderStatus { Time = market.NowMs is { } now ? ContractTime.ToTimestamp(now) : null };
        risk.Describe(status);
        var holdings = new List<V1.TraderHolding>(books.Count);
        foreach (var book in books.All)
        {
            var held = book.Holding;
            holdings.Add(new V1.TraderHolding
            {
                AgentId = held.AgentId,
                Symbol = held.Symbol,
                Units = held.Units,
                Lots = book.SignedLots,
                OpenPrice = held.EntryPrice,
                OpenTime = held.IsFlat || held.OpenedAtMs <= 0 ? null : ContractTime.ToTimestamp(held.OpenedAtMs),
                Updated = status.Time,
            });
            status.Agents.Add(new V1.AgentTradingState
            {
                AgentId = book.Agent.AgentId,
                Symbol = book.Agent.Symbol,
                PositionVolume = book.SignedLots,
                LastSignalTime = book.LastSignalMs > 0 ? ContractTime.ToTimestamp(book.LastSignalMs) : null,
                LastOrderTime = book.LastOrderMs > 0 ? ContractTime.ToTimestamp(book.LastOrderMs) : null,
                SignalsActed = book.SignalsActed,
                SignalsRejected = book.SignalsRejected,
            });
        }

        return (status, holdings);
    }
}
