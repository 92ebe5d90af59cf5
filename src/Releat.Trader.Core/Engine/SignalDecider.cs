using Releat.Agents.Config;
using Releat.Contracts.V1;
using Releat.MarketData.Time;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Execution;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Risk;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// One new signal, checked in order and acted on: the agent and symbol known; not killed; a fresh look at the broker
/// when the last one is older than the signal refresh age or a UTC day has turned; not paused, not stopped for the
/// day; market time known and the signal not stale by it; the action chosen for the position the trader holds; a
/// hold journaled without a flush; otherwise the planned orders submitted. Each refusal is journaled with its reason
/// and marks the signal done, so a redelivery is a duplicate.
/// </summary>
internal sealed class SignalDecider(
    AgentBooks books, RiskEngine risk, AccountRefresh refresh, OrderPlanner planner, ExecutionEngine execution, TradeJournal journal,
    TraderClock clock, TimeSpan signalRefreshAge)
{
    public async Task<SignalOutcome> DecideAndActAsync(
        Signal signal, string entryId, string key, long decisionMs, SignalTiming timing, CancellationToken cancellation)
    {
        var done = new JournalEntry
        {
            Kind = JournalKinds.Done, Batch = key, Agent = signal.AgentId, Symbol = signal.Symbol, Entry = entryId, DecisionMs = decisionMs,
        };
        var book = books.Of(signal.AgentId);
        if (book is null)
        {
            return Reject(done, null, RejectReasons.UnknownAgent);
        }

        book.LastSignalMs = Math.Max(book.LastSignalMs, decisionMs);
        if (signal.Symbol.Length > 0 && signal.Symbol != book.Agent.Symbol)
        {
            return Reject(done, book, RejectReasons.SymbolMismatch, $"signal for {signal.Symbol}, the agent trades {book.Agent.Symbol}");
        }

        if (risk.KillSwitch)
        {
            return Reject(done, book, RejectReasons.KillSwitch);
        }

        // The refresh comes first: a new UTC day may end a pause for the daily loss limit.
        if (clock.MarketMs is not { } marketNow || UtcTime.DayIndex(marketNow) != risk.Day || refresh.SinceLast >= signalRefreshAge)
        {
            await refresh.RunAsync(cancellation).ConfigureAwait(false);
        }

        if (risk.KillSwitch || risk.IsPaused)
        {
            return Reject(done, book, risk.KillSwitch ? RejectReasons.KillSwitch : RejectReasons.Paused);
        }

        if (book.PausedForDay == risk.Day)
        {
            return Reject(done, book, RejectReasons.DailyLossLimit);
        }

        if (clock.MarketMs is not { } now)
        {
            return Reject(done, book, RejectReasons.NoMarketTime);
        }

        if (now - decisionMs > (long)book.Agent.StaleSignalAge.TotalMilliseconds)
        {
            return Reject(done, book, RejectReasons.Stale, $"decided {now - decisionMs} ms before the market's {now}");
        }

        if (ActionOf(signal, book, out string reason, out string detail) is not { } action)
        {
            return Reject(done, book, reason, detail);
        }

        done = done with { Action = action.Name };
        if (action.Kind == AgentActionKind.Hold)
        {
            // A hold changes nothing: no disk flush for it, so the trader is ready for the next signal at once.
            journal.AppendWithoutSync(done with { Wall = clock.WallUtc, MarketMs = now, Outcome = "held" });
            execution.MarkDone(key);
            book.SignalsActed++;
            return new SignalOutcome(SignalOutcomeKind.Held, "", []);
        }

        var plan = planner.Plan(book, key, decisionMs, action);
        if (plan.Intents is null)
        {
            return Reject(done, book, plan.Reason, plan.Detail);
        }

        var results = await execution.SubmitAsync(plan.Intents, done, signal, timing, now, cancellation).ConfigureAwait(false);
        book.SignalsActed++;
        return results.All(r => r.State == OrderState.Rejected)
            ? new SignalOutcome(SignalOutcomeKind.Rejected, RejectReasons.OrderRejected, results)
            : new SignalOutcome(SignalOutcomeKind.Acted, "", results);
    }

    /// <summary>The agent's action the signal chose for the position the trader holds; null (with why) when there is none.</summary>
    private static AgentAction? ActionOf(Signal signal, AgentBook book, out string reason, out string detail)
    {
        (reason, detail) = ("", "");
        var decision = DecisionChoice.Pick(signal, book.SignedLots);
        if (decision is null)
        {
            (reason, detail) = (RejectReasons.PositionMismatch, $"signal assumed {signal.PositionVolume} lots, the trader holds {book.SignedLots}");
            return null;
        }

        var actions = book.Agent.Actions;
        if (decision.Action < 0 || decision.Action >= actions.Count
            || (decision.ActionName.Length > 0 && decision.ActionName != actions[decision.Action].Name))
        {
            (reason, detail) = (RejectReasons.UnknownAction, $"action {decision.Action} '{decision.ActionName}' is not in the agent's list of {actions.Count}");
            return null;
        }

        return actions[decision.Action];
    }

    private SignalOutcome Reject(JournalEntry done, AgentBook? book, string reason, string detail = "")
    {
        journal.AppendWithoutSync(done with
        {
            Wall = clock.WallUtc, MarketMs = clock.MarketMs, Outcome = "rejected", Reason = reason, Message = detail.Length > 0 ? detail : null,
        });
        execution.MarkDone(done.Batch!);
        if (book is not null)
        {
            book.SignalsRejected++;
        }

        return SignalOutcome.Rejected(reason);
    }
}
