using System.Diagnostics.Metrics;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Observability;

/// <summary>
/// The gateway's instruments, meter "Releat.Gateway": live ticks in by symbol, live subscribers, orders by kind and
/// result, and the time from a decision's tick reaching the gateway to its order reaching the gateway — the whole
/// live path (features, policy, bus, trader) measured on one clock.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Releat.Gateway";

    private static readonly double[] TickToOrderBuckets =
        [0.0001, 0.0002, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Meter _meter;
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _orders;
    private readonly Histogram<double> _tickToOrder;

    private Func<int> _subscribers = static () => 0;

    public GatewayMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _ticks = _meter.CreateCounter<long>("releat.gateway.ticks", "{tick}", "Live ticks received from the market, by symbol");
        _orders = _meter.CreateCounter<long>("releat.gateway.orders", "{order}", "Orders and closes answered, by kind and result");
        _tickToOrder = _meter.CreateHistogram(
            "releat.gateway.tick_to_order", "s", "From the arrival of the tick that closed a decision to the arrival of its order",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TickToOrderBuckets });
        _meter.CreateObservableGauge("releat.gateway.subscribers", () => _subscribers(), "{subscriber}", "Live tick subscribers");
    }

    public void ObserveSubscribers(Func<int> count) => _subscribers = count;

    public void Tick(string symbol) => _ticks.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void TickToOrder(TimeSpan elapsed) => _tickToOrder.Record(elapsed.TotalSeconds);

    public void Order(string kind, V1.OrderState state) => _orders.Add(
        1,
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("result", state switch
        {
            V1.OrderState.Filled => "filled",
            V1.OrderState.PartiallyFilled => "partially_filled",
            V1.OrderState.Submitted => "submitted",
            V1.OrderState.Rejected => "rejected",
            _ => "unknown",
        }));

    public void Dispose() => _meter.Dispose();
}
