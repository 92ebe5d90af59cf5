using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// An order's intent and its answer as journal lines, and back: what is written before an order is sent and after it
/// is answered is exactly what a restart reads to finish the batch and rebuild the positions.
/// </summary>
internal static class OrderLines
{
    public static JournalEntry Intent(OrderIntent intent, long marketMs, DateTime wall) => new()
    {
        Kind = JournalKinds.Intent,
        Wall = wall,
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

    public static JournalEntry Result(OrderIntent intent, V1.OrderResult result, long marketMs, DateTime wall) =>
        Intent(intent, marketMs, wall) with
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
    public static OrderIntent IntentOf(JournalEntry entry) => new(
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

    public static V1.OrderResult ResultOf(JournalEntry entry) => new()
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
