using Releat.Agents;
using Releat.Contracts.V1;
using Releat.MarketData;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;

namespace Releat.Trader.Core.Engine;

public sealed partial class TraderEngine
{
    private const double LotTolerance = 1e-9;

    private async Task<SignalOutcome> DecideAndActAsync(
        Signal signal, string entryId, string key, long decisionMs, SignalTiming timing, CancellationToken cancellation)
    {
        var done = new JournalEntry
        {
            Kind = JournalKinds.Done,
            Batch = key,
            Agent = signal.AgentId,
            Symbol = signal.Symbol,
            Entry = entryId,
            DecisionMs = decisionMs,
        };
        var book = BookOf(signal.AgentId);
        if (book is null)
        {
            return Reject(done, null, RejectReasons.UnknownAgent);
        }

        book.LastSignalMs = Math.Max(book.LastSignalMs, decisionMs);
        if (signal.Symbol.Length > 0 && signal.Symbol != book.Agent.Symbol)
        {
            return Reject(done, book, RejectReasons.SymbolMismatch, $"signal for {signal.Symbol}, the agent trades {book.Agent.Symbol}");
        }

        if (_killSwitch)
        {
            return Reject(done, book, RejectReasons.KillSwitch);
        }

        // The refresh comes first: a new UTC day may end a pause for the daily loss limit.
        if (_market.NowMs is not { } marketNow || UtcTime.DayIndex(marketNow) != _day
            || _wall.GetElapsedTime(_lastRefresh) >= _risk.SignalRefreshAge)
        {
            await RefreshAsync(cancellation).ConfigureAwait(false);
        }
        if (_killSwitch || IsPaused)
        {
            return Reject(done, book, _killSwitch ? RejectReasons.KillSwitch : RejectReasons.Paused);
        }

        if (book.PausedForDay == _day)
        {
            return Reject(done, book, RejectReasons.DailyLossLimit);
        }

        if (_market.NowMs is not { } now)
        {
            return Reject(done, book, RejectReasons.NoMarketTime);
        }

        if (now - decisionMs > (long)book.Agent.StaleSignalAge.TotalMilliseconds)
        {
            return Reject(done, book, RejectReasons.Stale, $"decided {now - decisionMs} ms before the market's {now}");
        }

        var decision = DecisionChoice.Pick(signal, book.SignedLots);
        if (decision is null)
        {
            return Reject(done, book, RejectReasons.PositionMismatch, $"signal assumed {signal.PositionVolume} lots, the trader holds {book.SignedLots}");
        }

        var actions = book.Agent.Actions;
        if (decision.Action < 0 || decision.Action >= actions.Count
            || (decision.ActionName.Length > 0 && decision.ActionName != actions[decision.Action].Name))
        {
            return Reject(done, book, RejectReasons.UnknownAction, $"action {decision.Action} '{decision.ActionName}' is not in the agent's list of {actions.Count}");
        }

        var action = actions[decision.Action];
        done = done with { Action = action.Name };
        if (action.Kind == AgentActionKind.Hold)
        {
            // A hold changes nothing: no disk flush for it, so the trader is ready for the next signal at once.
            _journal.AppendWithoutSync(done with { Wall = WallNow(), MarketMs = now, Outcome = "held" });
            BatchOf(key).Done = true;
            book.SignalsActed++;
            return new SignalOutcome(SignalOutcomeKind.Held, "", []);
        }

        var (intents, reason, detail) = action.Kind is AgentActionKind.OpenLong or AgentActionKind.OpenShort
            ? PlanOpen(book, key, decisionMs, action, now)
            : PlanClose(book, key, decisionMs, action, now);
        if (intents is null)
        {
            return Reject(done, book, reason, detail);
        }

        var batch = BatchOf(key);
        batch.Intents.AddRange(intents);
        batch.Signal = done;
        batch.CorrelationId = signal.CorrelationId;
        batch.Timing = timing;
        _journal.Append([.. intents.Select(i => IntentEntry(i, now) with
        {
            DecisionMs = decisionMs, Entry = entryId, Action = action.Name, Correlation = NullIfEmpty(signal.CorrelationId),
        })]);
        var results = await ExecuteBatchAsync(batch, done, cancellation).ConfigureAwait(false);
        book.SignalsActed++;
        return results.All(r => r.State == OrderState.Rejected)
            ? new SignalOutcome(SignalOutcomeKind.Rejected, RejectReasons.OrderRejected, results)
            : new SignalOutcome(SignalOutcomeKind.Acted, "", results);
    }

    private (List<OrderIntent>? Intents, string Reason, string Detail) PlanOpen(AgentBook book, string key, long decisionMs, AgentAction action, long now)
    {
        var agent = book.Agent;
        int side = action.Kind == AgentActionKind.OpenLong ? 1 : -1;
        if (!book.IsFlat && book.Side != side)
        {
            return (null, RejectReasons.OppositePosition, $"holds {book.SignedLots} lots");
        }

        // The rules are asked at the decision's time, as the environment asked them when the policy learned.
        if (!_rules.MayOpen(agent.AgentId, decisionMs, out string why))
        {
            return (null, RejectReasons.OperatingRules, why);
        }

        // The agent's max_position caps units: an order that would exceed it is cut to what is left.
        int units = Math.Min(action.Units, agent.MaxPositionUnits - Math.Abs(book.Units));
        if (units <= 0)
        {
            return (null, RejectReasons.MaxPosition, $"holds {Math.Abs(book.Units)} of {agent.MaxPositionUnits} units");
        }

        var spec = _symbols[agent.Symbol];
        double lots = _sizer.LotsToOpen(units, agent.LotSizePerUnit, _equity, _market.VolatilityPerMinute(agent.Symbol), spec);
        if (lots <= 0)
        {
            return (null, RejectReasons.SizeBelowMinimum, $"{units} units size below {spec.VolumeMin} lots");
        }

        double symbolLots = _brokerPositions.Where(p => p.Symbol == agent.Symbol).Sum(p => p.Volume);
        if (_risk.MaxLotsPerSymbol > 0 && symbolLots + lots > _risk.MaxLotsPerSymbol + LotTolerance)
        {
            return (null, RejectReasons.MaxSymbolLots, $"{symbolLots} + {lots} lots of {agent.Symbol} > {_risk.MaxLotsPerSymbol}");
        }

        double totalLots = _brokerPositions.Sum(p => p.Volume);
        if (_risk.MaxTotalLots > 0 && totalLots + lots > _risk.MaxTotalLots + LotTolerance)
        {
            return (null, RejectReasons.MaxTotalLots, $"{totalLots} + {lots} lots > {_risk.MaxTotalLots}");
        }

        string id = ClientOrderIds.For(agent.AgentId, ClientOrderIds.Signal, decisionMs, 0);
        return ([new OrderIntent(key, 0, id, agent.AgentId, agent.Symbol, OrderIntentKind.Open, side, lots, units, 0)], "", "");
    }

    private (List<OrderIntent>? Intents, string Reason, string Detail) PlanClose(AgentBook book, string key, long decisionMs, AgentAction action, long now)
    {
        int side = action.Kind == AgentActionKind.CloseLong ? 1 : -1;
        if (book.IsFlat || book.Side != side)
        {
            return (null, RejectReasons.NothingToClose, $"holds {book.SignedLots} lots");
        }

        var holding = book.Holding;
        if (!_rules.MayClose(holding, decisionMs, out string why))
        {
            return (null, RejectReasons.OperatingRules, why);
        }

        int held = Math.Max(1, Math.Abs(book.Units));
        int units = Math.Min(action.Units, held);
        var spec = _symbols[book.Agent.Symbol];
        double lots = units == held ? book.Lots : PositionSizer.RoundDown(book.Lots * units / held, spec.VolumeStep);
        if (lots + LotTolerance < spec.VolumeMin)
        {
            return (null, RejectReasons.SizeBelowMinimum, $"{units} of {held} units is {lots} lots");
        }

        return (CloseIntents(book, key, ClientOrderIds.Signal, decisionMs, lots, units), "", "");
    }

    /// <summary>Closing orders for <paramref name="lots"/> of the agent's positions, oldest first, one leg per position.</summary>
    private static List<OrderIntent> CloseIntents(AgentBook book, string key, string tag, long timeMs, double lots, int units)
    {
        var intents = new List<OrderIntent>();
        double left = lots;
        foreach (var position in book.Positions.OrderBy(p => p.OpenTimeMs).ThenBy(p => p.PositionId))
        {
            if (left <= LotTolerance)
            {
                break;
            }

            double take = Math.Min(position.Lots, left);
            int leg = intents.Count;
            string id = ClientOrderIds.For(book.Agent.AgentId, tag, timeMs, leg);
            intents.Add(new OrderIntent(
                key, leg, id, book.Agent.AgentId, book.Agent.Symbol, OrderIntentKind.Close, position.Side, Math.Round(take, 8),
                leg == 0 ? units : 0, position.PositionId));
            left -= take;
        }

        return intents;
    }

    private SignalOutcome Reject(JournalEntry done, AgentBook? book, string reason, string detail = "")
    {
        _journal.AppendWithoutSync(done with
        {
            Wall = WallNow(),
            MarketMs = _market.NowMs,
            Outcome = "rejected",
            Reason = reason,
            Message = detail.Length > 0 ? detail : null,
        });
        BatchOf(done.Batch!).Done = true;
        if (book is not null)
        {
            book.SignalsRejected++;
        }

        return SignalOutcome.Rejected(reason);
    }
}
