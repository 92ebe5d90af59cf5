using Releat.Trader.Core.Orders;

namespace Releat.Trader.Core.Execution;

/// <summary>What a batch's orders turned out to be: the orders, or why there are none.</summary>
internal readonly record struct OrderPlan(List<OrderIntent>? Intents, string Reason, string Detail)
{
    public static OrderPlan Refused(string reason, string detail) => new(null, reason, detail);
}
