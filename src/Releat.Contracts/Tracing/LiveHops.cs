using System.Diagnostics.Metrics;

namespace Releat.Contracts.Tracing;

/// <summary>
/// The live path hop by hop, always on: one histogram, releat_live_hop_seconds{hop=...} in /metrics, recorded by the
/// process where each hop ends (the gateway, the signal service or the trader), so an operator sees which hop is
/// slow on their machines rather than only the total tick to order. From tick to fill:
/// <list type="number">
/// <item><see cref="TickDelivery"/>: the tick at the gateway to the tick at the signal service (signal service);</item>
/// <item><see cref="Decision"/>: features and policy, tick in to decision out (signal service);</item>
/// <item><see cref="Publish"/>: the signal handed to the bus until the bus acknowledged it (signal service);</item>
/// <item><see cref="SignalDelivery"/>: the signal handed to the bus to the trader taking it (trader);</item>
/// <item><see cref="Trader"/>: the trader taking the signal to its first order sent (trader);</item>
/// <item><see cref="OrderDelivery"/>: the order sent to the order at the gateway (gateway);</item>
/// <item><see cref="Broker"/>: the order at the gateway to the venue's answer, the fill (gateway).</item>
/// </list>
/// Hops between processes are read on <see cref="WallClock"/>; a negative one (clocks of two machines apart) is not
/// recorded rather than folded into the first bucket.
/// </summary>
public static class LiveHops
{
    public const string MeterName = "Releat.Live";
    public const string TickDelivery = "tick_delivery";
    public const string Decision = "decision";
    public const string Publish = "publish";
    public const string SignalDelivery = "signal_delivery";
    public const string Trader = "trader";
    public const string OrderDelivery = "order_delivery";
    public const string Broker = "broker";

    /// <summary>Every hop in path order.</summary>
    public static readonly string[] All = [TickDelivery, Decision, Publish, SignalDelivery, Trader, OrderDelivery, Broker];

    /// <summary>
    /// Upper bounds in seconds: hops on loopback take microseconds, a broker's fill can take a second. Fine between
    /// 100 us and 3 ms, where a hop of the 2 ms goal lies, so the breakdown shows which hop makes the tail.
    /// </summary>
    private static readonly double[] Buckets =
    [
        0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00015, 0.0002, 0.0003, 0.0004, 0.0005, 0.00075, 0.001, 0.0015,
        0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5,
    ];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Hop = Meter.CreateHistogram(
        "releat.live.hop", "s", "Time of one hop of the live path from tick to fill, by hop, recorded where the hop ends",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });

    /// <summary>A hop between two <see cref="WallClock"/> readings; nothing when the start is unknown (0) or after the end.</summary>
    public static void Record(string hop, long fromUnixMicroseconds, long toUnixMicroseconds)
    {
        if (fromUnixMicroseconds > 0 && toUnixMicroseconds >= fromUnixMicroseconds)
        {
            Hop.Record((toUnixMicroseconds - fromUnixMicroseconds) / 1e6, new KeyValuePair<string, object?>("hop", hop));
        }
    }

    /// <summary>A hop timed inside one process (on the Stopwatch).</summary>
    public static void Record(string hop, TimeSpan elapsed) =>
        Hop.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("hop", hop));
}
