using System.Diagnostics.Metrics;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// The trader's instruments, meter "Releat.Trader" (exported on /metrics by the service defaults): orders by result,
/// signals by outcome and reason, handling time, and gauges read from the status snapshot: each agent's position,
/// equity, the day's P&amp;L, total exposure, paused and kill switch.
/// </summary>
public sealed class TraderMetrics : IDisposable
{
    public const string MeterName = "Releat.Trader";

    private readonly Meter _meter;
    private readonly Counter<long> _orders;
    private readonly Counter<long> _signals;
    private readonly Histogram<double> _handling;
    private Func<V1.TraderStatus> _status = static () => new V1.TraderStatus();

    public TraderMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _orders = _meter.CreateCounter<long>("releat.trader.orders", "{order}", "Orders sent to the gateway, by result");
        _signals = _meter.CreateCounter<long>("releat.trader.signals", "{signal}", "Signals received, by outcome and rejection reason");
        _handling = _meter.CreateHistogram<double>("releat.trader.signal.duration", "s", "Time from taking a signal to its orders' answers being journaled");
        _meter.CreateObservableGauge("releat.trader.position", ObservePositions, "{lot}", "Signed lots each agent holds (long positive)");
        _meter.CreateObservableGauge("releat.trader.equity", () => _status().Equity, "{currency}", "Account equity at the last refresh");
        _meter.CreateObservableGauge("releat.trader.daily_pnl", () => _status().DailyPnl, "{currency}", "Equity change since the start of the UTC day");
        _meter.CreateObservableGauge("releat.trader.exposure", () => _status().TotalExposureLots, "{lot}", "Open lots over all symbols");
        _meter.CreateObservableGauge("releat.trader.paused", () => _status().Paused ? 1 : 0, null, "1 while not acting on signals");
        _meter.CreateObservableGauge("releat.trader.kill_switch", () => _status().KillSwitch ? 1 : 0, null, "1 while the kill switch is engaged");
    }

    public void Dispose() => _meter.Dispose();

    internal void Observe(Func<V1.TraderStatus> status) => _status = status;

    internal void Order(V1.OrderState state) => _orders.Add(1, new KeyValuePair<string, object?>("result", state switch
    {
        V1.OrderState.Filled => "filled",
        V1.OrderState.PartiallyFilled => "partially_filled",
        V1.OrderState.Submitted => "submitted",
        V1.OrderState.Rejected => "rejected",
        _ => "unknown",
    }));

    internal void Signal(SignalOutcomeKind outcome, string reason) => _signals.Add(
        1,
        new KeyValuePair<string, object?>("outcome", outcome switch
        {
            SignalOutcomeKind.Acted => "acted",
            SignalOutcomeKind.Held => "held",
            SignalOutcomeKind.Rejected => "rejected",
            _ => "duplicate",
        }),
        new KeyValuePair<string, object?>("reason", reason.Length > 0 ? reason : "none"));

    internal void Handled(TimeSpan elapsed) => _handling.Record(elapsed.TotalSeconds);

    private IEnumerable<Measurement<double>> ObservePositions()
    {
        foreach (var agent in _status().Agents)
        {
            yield return new Measurement<double>(
                agent.PositionVolume, new KeyValuePair<string, object?>("agent", agent.AgentId), new KeyValuePair<string, object?>("symbol", agent.Symbol));
        }
    }
}
