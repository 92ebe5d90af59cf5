using Microsoft.Extensions.Logging;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Execution;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Reconciliation;
using Releat.Trader.Core.Risk;
using Releat.Trader.Core.Rules;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// One look at the broker and what follows from it: positions and account re-read, books reconciled, a new UTC day
/// started when the market clock crossed midnight, then the kill switch file, the loss limits and the operating rules'
/// forced closes enforced, each close through the execution engine. Called under the engine's gate.
/// </summary>
internal sealed class AccountRefresh(
    IOrderGateway gateway, TraderClock clock, RiskEngine risk, BrokerReconciliation reconciliation, ExecutionEngine execution,
    AgentBooks books, IOperatingRules rules, ILogger log)
{
    private long _last;

    /// <summary>Machine time since the last refresh (the first refresh is always due).</summary>
    public TimeSpan SinceLast => clock.Wall.GetElapsedTime(_last);

    public async Task RunAsync(CancellationToken cancellation)
    {
        var positions = await gateway.GetPositionsAsync(cancellation).ConfigureAwait(false);
        var account = await gateway.GetAccountAsync(cancellation).ConfigureAwait(false);
        _last = clock.Wall.GetTimestamp();
        clock.Observe(account);

        risk.Observe(positions, account.Equity);
        reconciliation.Reconcile(positions);
        long now = clock.MarketOrWallMs;
        risk.TurnDayIfNew(now);
        if (risk.KillSwitchFileAppeared(out string killReason))
        {
            await KillAsync(killReason, cancellation).ConfigureAwait(false);
        }

        foreach (var book in books.All)
        {
            if (risk.StopIfOverDailyLimit(book, now))
            {
                await execution.FlattenAsync([book], "loss", ClientOrderIds.DailyLoss, "daily loss limit", cancellation).ConfigureAwait(false);
            }
        }

        if (risk.PauseIfAccountOverDailyLimit())
        {
            await execution.FlattenAsync(books.All, "loss", ClientOrderIds.DailyLoss, "account daily loss limit", cancellation)
                .ConfigureAwait(false);
        }

        foreach (var book in books.All)
        {
            if (!book.IsFlat && rules.MustClose(book.Holding, now, out string reason))
            {
                log.ForcedClose(book.Agent.AgentId, reason);
                await execution.FlattenAsync([book], "rule", ClientOrderIds.OperatingRule, reason, cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Engages the kill switch and closes everything (again, if it was engaged already).</summary>
    public async Task KillAsync(string reason, CancellationToken cancellation)
    {
        risk.Engage(reason);
        await execution.FlattenAsync(books.All, "kill", ClientOrderIds.KillSwitch, reason, cancellation).ConfigureAwait(false);
    }
}
