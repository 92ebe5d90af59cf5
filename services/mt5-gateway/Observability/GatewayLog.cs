using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Observability;

/// <summary>The gateway's order log lines, source-generated; logged inside the decision's CorrelationId scope.</summary>
internal static partial class GatewayLog
{
    /// <summary><paramref name="tickToOrderUs"/> is -1 when the order names no recent tick (a manual or flatten order).</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Order {ClientOrderId} ({Kind}) received {TickToOrderUs} us after its decision's tick")]
    public static partial void OrderReceived(ILogger logger, string kind, string clientOrderId, long tickToOrderUs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {ClientOrderId}: {State}, {FilledLots} lots at {FillPrice}")]
    public static partial void OrderAnswered(ILogger logger, string clientOrderId, V1.OrderState state, double filledLots, double fillPrice);
}
