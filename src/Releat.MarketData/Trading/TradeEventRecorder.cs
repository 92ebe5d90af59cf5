using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Trading;

/// <summary>Keeps every event it observes, in order: for tests, backtest reports and replays.</summary>
public sealed class TradeEventRecorder : IObserver<TradeEvent>
{
    private readonly List<TradeEvent> _events = [];

    public IReadOnlyList<TradeEvent> Events => _events;

    public IEnumerable<T> OfType<T>()
        where T : TradeEvent => _events.OfType<T>();

    public void OnNext(TradeEvent value) => _events.Add(value);

    public void OnError(Exception error)
    {
    }

    public void OnCompleted()
    {
    }

    public void Clear() => _events.Clear();
}
