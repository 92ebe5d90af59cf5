namespace Releat.Trader.Core.Orders;

/// <summary>The order gateway could not be reached (after retries); the call may be repeated with the same order ids.</summary>
public sealed class OrderGatewayUnavailableException : Exception
{
    public OrderGatewayUnavailableException()
    {
    }

    public OrderGatewayUnavailableException(string message)
        : base(message)
    {
    }

    public OrderGatewayUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
