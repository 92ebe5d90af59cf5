namespace Releat.Contracts.Tracing;

/// <summary>
/// The live path's last two hops, where an order reaches the gateway (the mt5-gateway's Trading service, or the
/// in-process gateway of the embedded path): from the trader's send to the gateway (<see cref="LiveHops.OrderDelivery"/>)
/// and from there to the venue's answer (<see cref="LiveHops.Broker"/>), with their spans under the trader's.
/// </summary>
public static class OrderHops
{
    /// <summary>The order is here: times its delivery; returns the arrival for <see cref="Answered"/>.</summary>
    public static long Arrived(long sentUs)
    {
        long arrived = WallClock.UnixMicroseconds();
        LiveHops.Record(LiveHops.OrderDelivery, sentUs, arrived);
        return arrived;
    }

    /// <summary>The venue answered: times that hop and writes both spans when tracing is on and the order carried a trace.</summary>
    public static void Answered(long sentUs, long arrivedUs, string traceParent, string correlationId)
    {
        long answered = WallClock.UnixMicroseconds();
        LiveHops.Record(LiveHops.Broker, arrivedUs, answered);
        if (LiveTrace.IsOn && LiveTrace.Parse(traceParent) is var trader && trader != default)
        {
            LiveTrace.HopSpan("order delivery", trader, sentUs, arrivedUs, correlationId);
            LiveTrace.HopSpan("broker", trader, arrivedUs, answered, correlationId);
        }
    }
}
