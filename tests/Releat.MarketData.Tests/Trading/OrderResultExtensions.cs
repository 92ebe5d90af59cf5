using Releat.MarketData.Trading;

namespace Releat.MarketData.Tests.Trading;

internal static class OrderResultExtensions
{
    /// <summary>A position is identified by the ticket of the order that opened it, as in MT5.</summary>
    public static long PositionIdOrOrder(this OrderResult order) => order.PositionId != 0 ? order.PositionId : order.OrderId;
}
