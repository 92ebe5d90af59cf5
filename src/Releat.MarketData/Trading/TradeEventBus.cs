using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Trading;

/// <summary>Delivers trade events to subscribers in subscription order.</summary>
internal sealed class TradeEventBus : IObservable<TradeEvent>
{
    private readonly List<IObserver<TradeEvent>> _observers = [];

    public IDisposable Subscribe(IObserver<TradeEvent> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
        return new Subscription(this, observer);
    }

    public void Publish(TradeEvent tradeEvent)
    {
        for (int i = 0; i < _observers.Count; i++)
        {
            _observers[i].OnNext(tradeEvent);
        }
    }

    private sealed class Subscription(TradeEventBus bus, IObserver<TradeEvent> observer) : IDisposable
    {
        public void Dispose() => bus._observers.Remove(observer);
    }
}
