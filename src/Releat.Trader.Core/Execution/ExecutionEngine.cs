using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Releat.Contracts.Tracing;
using Releat.MarketData.Time;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Execution;

/// <summary>
/// Sends orders exactly once, as Lean's transaction handler and NautilusTrader's execution engine do: every order
/// belongs to a batch (one signal's orders, or one flatten), its intent is journaled before it is sent, its answer as
/// it comes, and the batch is journaled done at the end. A batch a failure left open is finished with the same client
/// order ids, which the gateway answers with the first outcome. Fills are applied to the agents' books here.
/// </summary>
internal sealed class ExecutionEngine(
    IOrderGateway gateway, AgentBooks books, TradeJournal journal, TraderClock clock, ILogger log, TraderMetrics? metrics)
{
    private readonly Dictionary<string, BatchProgress> _batches = new(StringComparer.Ordinal);

    /// <summary>Batches with orders that were decided but not all answered (a crash or an unreachable gateway).</summary>
    public IReadOnlyList<BatchProgress> Unfinished => [.. _batches.Values.Where(b => !b.Done && b.Intents.Count > 0)];

    public bool TryFind(string key, [MaybeNullWhen(false)] out BatchProgress batch) => _batches.TryGetValue(key, out batch);

    /// <summary>Marks a batch with no orders done (a signal that was held or rejected), so its signal is never decided again.</summary>
    public void MarkDone(string key) => Batch(key).Done = true;

    /// <summary>Journals a signal's orders with the signal they act on, then sends them.</summary>
    public Task<List<V1.OrderResult>> SubmitAsync(
        List<OrderIntent> intents, JournalEntry done, V1.Signal signal, SignalTiming timing, long nowMs, CancellationToken cancellation)
    {
        var batch = Batch(done.Batch!);
        batch.Intents.AddRange(intents);
        batch.Signal = done;
        batch.CorrelationId = signal.CorrelationId;
        batch.Timing = timing;
        journal.Append([.. intents.Select(i => OrderLines.Intent(i, nowMs, clock.WallUtc) with
        {
            DecisionMs = done.DecisionMs, Entry = done.Entry, Action = done.Action,
            Correlation = signal.CorrelationId.Length == 0 ? null : signal.CorrelationId,
        })]);
        return ExecuteAsync(batch, done, cancellation);
    }

    /// <summary>Closes all positions of the given agents in one batch, journaled like a signal's.</summary>
    public async Task<IReadOnlyList<V1.OrderResult>> FlattenAsync(
        IEnumerable<AgentBook> holders, string kind, string tag, string reason, CancellationToken cancellation)
    {
        var holding = holders.Where(b => !b.IsFlat).ToList();
        if (holding.Count == 0)
        {
            return [];
        }

        // Ids come from market time; a second flatten in the same millisecond moves on to the next one.
        long time = clock.MarketOrWallMs;
        string scope = holding.Count == 1 ? holding[0].Agent.AgentId : "all";
        while (_batches.ContainsKey(BatchKeys.Other(kind, scope, time)))
        {
            time++;
        }

        var batch = Batch(BatchKeys.Other(kind, scope, time));
        foreach (var book in holding)
        {
            var intents = OrderPlanner.CloseIntents(book, batch.Key, tag, time, book.Lots, Math.Abs(book.Units));
            int firstLeg = batch.Intents.Count;
            batch.Intents.AddRange(intents.Select(i => i with { Leg = firstLeg + i.Leg }));
        }

        journal.Append([.. batch.Intents.Select(i => OrderLines.Intent(i, time, clock.WallUtc))]);
        return await ExecuteAsync(batch, new JournalEntry { Kind = JournalKinds.Done, Reason = reason, Outcome = "acted" }, cancellation)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a batch's orders that have no final answer yet, journaling each answer as it comes, then journals the
    /// batch done. The intents were journaled before this is called. If the gateway goes away midway the batch stays
    /// open, on disk and here, and the next attempt sends the same ids again.
    /// </summary>
    public async Task<List<V1.OrderResult>> ExecuteAsync(BatchProgress batch, JournalEntry done, CancellationToken cancellation)
    {
        var results = new List<V1.OrderResult>(batch.Intents.Count);
        foreach (var intent in batch.Intents.OrderBy(i => i.Leg))
        {
            if (batch.IsSettled(intent))
            {
                results.Add(batch.Results[intent.ClientOrderId]);
                continue;
            }

            V1.OrderResult result;
            using (TraderLog.CorrelationScope(log, batch.CorrelationId))
            {
                result = await SendAsync(intent, batch, cancellation).ConfigureAwait(false);
                log.OrderAnswered(intent.ClientOrderId, intent.AgentId, result.State, result.FilledVolume, result.FillPrice);
            }

            long now = clock.MarketOrWallMs;
            journal.Append(OrderLines.Result(intent, result, now, clock.WallUtc));
            batch.Results[intent.ClientOrderId] = result;
            Apply(intent, result, now);
            metrics?.Order(result.State);
            results.Add(result);
            if (result.State == V1.OrderState.Rejected)
            {
                log.OrderRejected(intent.ClientOrderId, result.Retcode, result.Message);
            }
            else if (result.State != V1.OrderState.Filled)
            {
                // Not final (no tick in the gateway's wait, a partial fill): the batch stays open and the next attempt
                // asks again under the same id. Acting on further signals with an unknown position would be a guess.
                throw new OrderGatewayUnavailableException(
                    $"order {intent.ClientOrderId} is {result.State} at the gateway ({result.FilledVolume} of {intent.Lots} lots filled); asking again");
            }
        }

        bool allRejected = results.All(r => r.State == V1.OrderState.Rejected);
        journal.Append(done with
        {
            Batch = batch.Key,
            Wall = clock.WallUtc,
            MarketMs = clock.MarketMs,
            Outcome = done.Outcome ?? (allRejected ? "rejected" : "acted"),
            Reason = done.Reason ?? (allRejected ? RejectReasons.OrderRejected : null),
        });
        batch.Done = true;
        return results;
    }

    /// <summary>Replays one journal line about orders (intents, answers, batches done); false for other lines.</summary>
    public bool Replay(JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalKinds.Intent when entry.Batch is not null:
                var batch = Batch(entry.Batch);
                var intent = OrderLines.IntentOf(entry);
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

                return true;
            case JournalKinds.Result when entry.Batch is not null:
                var result = OrderLines.ResultOf(entry);
                Batch(entry.Batch).Results[result.ClientOrderId] = result;
                Apply(OrderLines.IntentOf(entry), result, entry.MarketMs ?? 0);
                return true;
            case JournalKinds.Done when entry.Batch is not null:
                Batch(entry.Batch).Done = true;
                return true;
            default:
                return false;
        }
    }

    private BatchProgress Batch(string key)
    {
        if (!_batches.TryGetValue(key, out var batch))
        {
            batch = new BatchProgress(key);
            _batches.Add(key, batch);
        }

        return batch;
    }

    private Task<V1.OrderResult> SendAsync(OrderIntent intent, BatchProgress batch, CancellationToken cancellation)
    {
        string correlationId = batch.CorrelationId;
        var (sentUs, traceParent) = batch.Timing?.Sending() ?? (WallClock.UnixMicroseconds(), "");
        if (intent.Kind == OrderIntentKind.Open)
        {
            return gateway.SendOrderAsync(
                new V1.OrderRequest
                {
                    ClientOrderId = intent.ClientOrderId,
                    Symbol = intent.Symbol,
                    Side = intent.IsBuy ? V1.OrderSide.Buy : V1.OrderSide.Sell,
                    Volume = intent.Lots,
                    Magic = books.Of(intent.AgentId)?.Agent.Magic ?? 0,
                    Comment = intent.AgentId,
                    CorrelationId = correlationId,
                    SentUs = sentUs,
                    TraceParent = traceParent,
                },
                cancellation);
        }

        return gateway.ClosePositionAsync(
            new V1.ClosePositionRequest
            {
                ClientOrderId = intent.ClientOrderId, PositionId = intent.PositionId, Volume = intent.Lots, CorrelationId = correlationId,
                SentUs = sentUs, TraceParent = traceParent,
            },
            cancellation);
    }

    private void Apply(OrderIntent intent, V1.OrderResult result, long nowMs)
    {
        if (books.Of(intent.AgentId) is not { } book)
        {
            return;
        }

        long fillMs = result.FillTime is null ? nowMs : ContractTime.ToMilliseconds(result.FillTime);
        book.Apply(intent, result, UtcTime.DayIndex(fillMs));
        if (result.FilledVolume > 0)
        {
            book.LastOrderMs = Math.Max(book.LastOrderMs, fillMs);
        }
    }
}
