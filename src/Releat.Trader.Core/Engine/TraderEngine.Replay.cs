using Releat.MarketData;
using Releat.Trader.Core.Journal;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

public sealed partial class TraderEngine
{
    /// <summary>
    /// Rebuilds the engine's state from the journal, in the order it was written: batches and their answers (the
    /// agents' positions follow from the fills), reconciliations, the current day's baselines, pauses, the kill
    /// switch and agents stopped for the day.
    /// </summary>
    private void Replay(JournalContents contents)
    {
        if (contents.TornTail is { } torn)
        {
            _log.LogTornJournalLine(_journal.Path, torn.Length);
        }

        foreach (var entry in contents.Entries)
        {
            switch (entry.Kind)
            {
                case JournalKinds.Intent when entry.Batch is not null:
                    var batch = BatchOf(entry.Batch);
                    var intent = IntentOf(entry);
                    batch.CorrelationId = entry.Correlation ?? batch.CorrelationId;
                    if (!batch.Intents.Exists(i => i.ClientOrderId == intent.ClientOrderId))
                    {
                        batch.Intents.Add(intent);
                    }

                    if (entry.DecisionMs is not null)
                    {
                        batch.Signal ??= new JournalEntry
                        {
                            Kind = JournalKinds.Done, Agent = entry.Agent, Symbol = entry.Symbol, DecisionMs = entry.DecisionMs,
                            Entry = entry.Entry, Action = entry.Action,
                        };
                    }

                    break;
                case JournalKinds.Result when entry.Batch is not null:
                    var result = ResultOf(entry);
                    BatchOf(entry.Batch).Results[result.ClientOrderId] = result;
                    Apply(IntentOf(entry), result, entry.MarketMs ?? 0);
                    break;
                case JournalKinds.Done when entry.Batch is not null:
                    BatchOf(entry.Batch).Done = true;
                    CountSignal(entry);
                    break;
                case JournalKinds.Reconcile:
                    BookOf(entry.Agent)?.SetLots(entry.PositionId ?? 0, entry.Lots ?? 0);
                    break;
                case JournalKinds.Day when entry.Day is { } day:
                    _day = day;
                    _dayStartEquity = entry.Equity ?? double.NaN;
                    foreach (var book in _books.Values)
                    {
                        book.StartDay(day, entry.Baselines?.GetValueOrDefault(book.Agent.AgentId) ?? 0);
                    }

                    break;
                case JournalKinds.Pause:
                    _pauseReason = entry.Reason ?? "paused";
                    _pausedForDay = entry.Day ?? long.MinValue;
                    break;
                case JournalKinds.Resume:
                    _pauseReason = null;
                    _pausedForDay = long.MinValue;
                    break;
                case JournalKinds.Kill:
                    _killSwitch = true;
                    _killReason = entry.Reason;
                    break;
                case JournalKinds.KillReleased:
                    _killSwitch = false;
                    _killReason = null;
                    break;
                case JournalKinds.AgentPaused when BookOf(entry.Agent) is { } paused:
                    paused.PausedForDay = entry.Day ?? long.MinValue;
                    break;
            }
        }
    }

    private void CountSignal(JournalEntry done)
    {
        if (BookOf(done.Agent) is not { } book || done.DecisionMs is not { } decisionMs)
        {
            return;
        }

        book.LastSignalMs = Math.Max(book.LastSignalMs, decisionMs);
        if (done.Outcome == "rejected" && done.Reason != Risk.RejectReasons.OrderRejected)
        {
            book.SignalsRejected++;
        }
        else
        {
            book.SignalsActed++;
        }
    }

    /// <summary>Publishes a fresh status snapshot for readers that must not wait for the gate (gRPC status, metrics).</summary>
    private void PublishStatus()
    {
        var status = new V1.TraderStatus
        {
            Paused = IsPaused || _killSwitch,
            PauseReason = _killSwitch ? $"kill switch: {_killReason}" : IsPaused ? _pauseReason : "",
            KillSwitch = _killSwitch,
            Equity = double.IsNaN(_equity) ? 0 : _equity,
            DailyPnl = double.IsNaN(_equity) || double.IsNaN(_dayStartEquity) ? 0 : _equity - _dayStartEquity,
            TotalExposureLots = _brokerPositions.Sum(p => p.Volume),
            Time = _market.NowMs is { } now ? ContractTime.ToTimestamp(now) : null,
        };
        var holdings = new List<V1.TraderHolding>(_books.Count);
        foreach (var book in _books.Values)
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

        Volatile.Write(ref _holdings, holdings);
        Volatile.Write(ref _status, status);
    }

    /// <summary>Daily P&amp;L of each agent (realised today + floating now - floating at the day's start), for tests and metrics.</summary>
    public IReadOnlyDictionary<string, double> AgentDailyPnl() => _books.ToDictionary(b => b.Key, b => b.Value.DailyPnl, StringComparer.Ordinal);
}
