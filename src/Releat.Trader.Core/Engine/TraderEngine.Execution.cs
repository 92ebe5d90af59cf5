using Releat.Contracts.Tracing;
using Releat.MarketData;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

public sealed partial class TraderEngine
{
    /// <summary>
    /// Sends a batch's orders that have no final answer yet, journaling each answer as it comes, then journals the
    /// batch done. The intents were journaled before this is called. If the gateway goes away midway the batch stays
    /// open, on disk and here, and the next attempt sends the same ids again.
    /// </summary>
    private async Task<List<V1.OrderResult>> ExecuteBatchAsync(BatchProgress batch, JournalEntry done, CancellationToken cancellation)
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
            using (TraderLog.CorrelationScope(_log, batch.CorrelationId))
            {
                result = await SendAsync(intent, batch, cancellation).ConfigureAwait(false);
                _log.OrderAnswered(intent.ClientOrderId, intent.AgentId, result.State, result.FilledVolume, result.FillPrice);
            }

            long now = MarketNowOrWall();
            _journal.Append(ResultEntry(intent, result, now));
            batch.Results[intent.ClientOrderId] = result;
            Apply(intent, result, now);
            Metrics?.Order(result.State);
            results.Add(result);
            if (result.State == V1.OrderState.Rejected)
            {
                _log.OrderRejected(intent.ClientOrderId, result.Retcode, result.Message);
            }
            else if (result.State != V1.OrderState.Filled)
            {
                // Not final (no tick in the gateway's wait, a partial fill): the batch stays open and the next attempt
                // asks again under the same id. Acting on further signals with an unknown position would be a guess.
                throw new OrderGatewayUnavailableException(
                    $"order {intent.ClientOrderId} is {result.State} at the gateway ({result.FilledVolume} of {intent.Lots} lots filled); asking again");
            }
        }

        _journal.Append(done with
        {
            Batch = batch.Key,
            Wall = WallNow(),
            MarketMs = _market.NowMs,
            Outcome = done.Outcome ?? (results.All(r => r.State == V1.OrderState.Rejected) ? "rejected" : "acted"),
            Reason = done.Reason ?? (results.All(r => r.State == V1.OrderState.Rejected) ? Risk.RejectReasons.OrderRejected : null),
        });
        batch.Done = true;
        return results;
    }

    private Task<V1.OrderResult> SendAsync(OrderIntent intent, BatchProgress batch, CancellationToken cancellation)
    {
        var book = BookOf(intent.AgentId);
        string correlationId = batch.CorrelationId;
        var (sentUs, traceParent) = batch.Timing?.Sending() ?? (WallClock.UnixMicroseconds(), "");
        if (intent.Kind == OrderIntentKind.Open)
        {
            return _gateway.SendOrderAsync(
                new V1.OrderRequest
                {
                    ClientOrderId = intent.ClientOrderId,
                    Symbol = intent.Symbol,
                    Side = intent.IsBuy ? V1.OrderSide.Buy : V1.OrderSide.Sell,
                    Volume = intent.Lots,
                    Magic = book?.Agent.Magic ?? 0,
                    Comment = intent.AgentId,
                    CorrelationId = correlationId,
                    SentUs = sentUs,
                    TraceParent = traceParent,
                },
                cancellation);
        }

        return _gateway.ClosePositionAsync(
            new V1.ClosePositionRequest
            {
                ClientOrderId = intent.ClientOrderId, PositionId = intent.PositionId, Volume = intent.Lots, CorrelationId = correlationId,
                SentUs = sentUs, TraceParent = traceParent,
            },
            cancellation);
    }

    private void Apply(OrderIntent intent, V1.OrderResult result, long nowMs)
    {
        if (BookOf(intent.AgentId) is not { } book)
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

    private DateTime WallNow() => _wall.GetUtcNow().UtcDateTime;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private JournalEntry IntentEntry(OrderIntent intent, long marketMs) => new()
    {
        Kind = JournalKinds.Intent,
        Wall = WallNow(),
        MarketMs = marketMs,
        Batch = intent.Batch,
        Agent = intent.AgentId,
        Symbol = intent.Symbol,
        ClientOrderId = intent.ClientOrderId,
        Order = intent.Kind == OrderIntentKind.Open ? "open" : "close",
        Side = intent.PositionSide,
        Lots = intent.Lots,
        Units = intent.Units,
        PositionId = intent.PositionId,
        Leg = intent.Leg,
    };

    private JournalEntry ResultEntry(OrderIntent intent, V1.OrderResult result, long marketMs) => IntentEntry(intent, marketMs) with
    {
        Kind = JournalKinds.Result,
        State = result.State switch
        {
            V1.OrderState.Filled => "filled",
            V1.OrderState.PartiallyFilled => "partially_filled",
            V1.OrderState.Submitted => "submitted",
            V1.OrderState.Rejected => "rejected",
            _ => "unspecified",
        },
        Retcode = result.Retcode,
        Message = result.Message.Length > 0 ? result.Message : null,
        OrderId = result.OrderId,
        FilledVolume = result.FilledVolume,
        FillPrice = result.FillPrice,
        FillTimeMs = result.FillTime is null ? null : ContractTime.ToMilliseconds(result.FillTime),
        FillPositionId = result.PositionId,
        Profit = result.Profit,
        Commission = result.Commission,
    };

    /// <summary>The intent a journal line describes (intent and result lines carry the same fields).</summary>
    private static OrderIntent IntentOf(JournalEntry entry) => new(
        entry.Batch ?? "",
        entry.Leg ?? 0,
        entry.ClientOrderId ?? "",
        entry.Agent ?? "",
        entry.Symbol ?? "",
        entry.Order == "close" ? OrderIntentKind.Close : OrderIntentKind.Open,
        entry.Side ?? 0,
        entry.Lots ?? 0,
        entry.Units ?? 0,
        entry.PositionId ?? 0);

    private static V1.OrderResult ResultOf(JournalEntry entry) => new()
    {
        ClientOrderId = entry.ClientOrderId ?? "",
        OrderId = entry.OrderId ?? 0,
        State = entry.State switch
        {
            "filled" => V1.OrderState.Filled,
            "partially_filled" => V1.OrderState.PartiallyFilled,
            "submitted" => V1.OrderState.Submitted,
            "rejected" => V1.OrderState.Rejected,
            _ => V1.OrderState.Unspecified,
        },
        Retcode = entry.Retcode ?? 0,
        Message = entry.Message ?? "",
        FilledVolume = entry.FilledVolume ?? 0,
        FillPrice = entry.FillPrice ?? 0,
        FillTime = entry.FillTimeMs is { } ms ? ContractTime.ToTimestamp(ms) : null,
        PositionId = entry.FillPositionId ?? 0,
        Profit = entry.Profit ?? 0,
        Commission = entry.Commission ?? 0,
    };
}
