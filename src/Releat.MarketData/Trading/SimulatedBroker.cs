using Releat.MarketData.Calendar;
using Releat.MarketData.Feeds;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Trading;

/// <summary>
/// A broker that runs on the ticks pushed into it, the same code for backtests and paper trading. A market order
/// is checked when sent (MT5 return codes), reaches the market after the configured latency, and fills on the
/// next tick after that at the ask (buy) or bid (sell), worse by the slippage. Stop loss and take profit trigger
/// on the bid for longs and the ask for shorts; swaps are booked at the daily rollover; the margin level is
/// watched for margin call and stop-out. Everything that happens is published as <see cref="TradeEvent"/>s.
/// Time at sending comes from the <see cref="IClock"/>; time at the market from the ticks.
/// A tick that changes nothing allocates nothing.
/// </summary>
public sealed class SimulatedBroker : IBrokerage, ITickListener
{
    private readonly BrokerSettings _settings;
    private readonly IClock _clock;
    private readonly Dictionary<string, SymbolBook> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkingOrder> _ordersByClientId = new(StringComparer.Ordinal);
    private readonly TradeEventBus _events = new();
    private readonly AccountLedger _ledger;
    private readonly OrderExecution _execution;
    private long _nextOrderId = 1;
    private long _nextRolloverMs = long.MinValue;
    private bool _marginCallRaised;

    public SimulatedBroker(SymbolCatalog symbols, BrokerSettings settings, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        settings.Validate();
        _settings = settings;
        _clock = clock;
        _ledger = new AccountLedger(settings, _events);
        _execution = new OrderExecution(settings, _ledger, _events);
        foreach (SymbolSpec spec in symbols.All)
        {
            _books[spec.Name] = new SymbolBook(spec, new MarketCalendar(spec.Sessions, settings.Holidays));
        }

        foreach (SymbolBook book in _books.Values)
        {
            book.ProfitRoute = CurrencyRoute.Find(book.Spec.ProfitCurrency, settings.AccountCurrency, _books.Values);
            book.MarginRoute = CurrencyRoute.Find(book.Spec.MarginCurrency, settings.AccountCurrency, _books.Values);
        }
    }

    public AccountState Account => _ledger.State;

    public IDisposable Subscribe(IObserver<TradeEvent> observer) => _events.Subscribe(observer);

    public OrderResult PlaceOrder(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.ClientOrderId, nameof(request));
        if (_ordersByClientId.TryGetValue(request.ClientOrderId, out WorkingOrder? existing))
        {
            return existing.ToResult();
        }

        long now = _clock.UtcNowMs;
        var order = new WorkingOrder(_nextOrderId++, request, now);
        _ordersByClientId[request.ClientOrderId] = order;
        SymbolBook? book = _books.GetValueOrDefault(request.Symbol);
        OpenPosition? closing = request.PositionId != 0 ? _ledger.Find(request.PositionId) : null;
        if (PreTradeChecks.Check(request, book, closing, _ledger, _settings.Mode, now) is { } rejection)
        {
            _execution.Reject(order, rejection.Code, rejection.Reason, now);
            return order.ToResult();
        }

        order.ArrivalMs = now + _settings.LatencyMs;
        order.SubmittedAtTick = book!.TickCount;
        book.Pending.Add(order);
        _events.Publish(new OrderSubmitted(now, order.Id, request.ClientOrderId, request.Symbol, request.Side, request.Volume, order.ArrivalMs));
        return order.ToResult();
    }

    public OrderResult ClosePosition(long positionId, double volume, string clientOrderId)
    {
        OpenPosition? position = _ledger.Find(positionId);
        return PlaceOrder(new OrderRequest
        {
            ClientOrderId = clientOrderId,
            Symbol = position?.Book.Spec.Name ?? "",
            Side = position?.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy,
            Volume = volume,
            PositionId = positionId,
        });
    }

    public TradeRetcode ModifyPosition(long positionId, double stopLoss, double takeProfit)
    {
        OpenPosition? position = _ledger.Find(positionId);
        if (position is null)
        {
            return TradeRetcode.PositionClosed;
        }

        if (PreTradeChecks.StopsProblem(position.Book, position.Side, stopLoss, takeProfit) is not null)
        {
            return TradeRetcode.InvalidStops;
        }

        if (position.StopLoss == stopLoss && position.TakeProfit == takeProfit)
        {
            return TradeRetcode.NoChanges;
        }

        position.StopLoss = stopLoss;
        position.TakeProfit = takeProfit;
        _events.Publish(new PositionModified(_clock.UtcNowMs, positionId, position.Book.Spec.Name, stopLoss, takeProfit));
        return TradeRetcode.Done;
    }

    public IReadOnlyList<Position> GetPositions() => [.. _ledger.Positions.Select(p => p.ToSnapshot())];

    public bool TryGetPosition(long positionId, out Position position)
    {
        OpenPosition? open = _ledger.Find(positionId);
        position = open?.ToSnapshot() ?? default;
        return open is not null;
    }

    public bool TryGetOrder(string clientOrderId, out OrderResult order)
    {
        bool found = _ordersByClientId.TryGetValue(clientOrderId, out WorkingOrder? working);
        order = working?.ToResult() ?? default;
        return found;
    }

    /// <summary>Feeds one tick; ticks of symbols the broker does not know are ignored.</summary>
    public void OnTick(string symbol, in Tick tick)
    {
        if (!_books.TryGetValue(symbol, out SymbolBook? book))
        {
            return;
        }

        book.Quote(tick);
        if (tick.TimeMs >= _nextRolloverMs)
        {
            BookRollovers(tick.TimeMs);
        }

        if (book.Pending.Count > 0)
        {
            _execution.FillPendingOrders(book, tick);
        }
        else if (_ledger.Positions.Count == 0)
        {
            // Nothing waiting and nothing open: the quote is all this tick changes.
            return;
        }

        if (book.Positions.Count > 0)
        {
            TriggerStops(book, tick.TimeMs);
        }

        _ledger.Revalue();
        WatchMargin(tick.TimeMs);
    }

    private void TriggerStops(SymbolBook book, long timeMs)
    {
        for (int i = book.Positions.Count - 1; i >= 0; i--)
        {
            OpenPosition position = book.Positions[i];
            double price = book.ClosingPrice(position.Side);
            bool isLong = position.Side == OrderSide.Buy;
            bool stopped = position.StopLoss > 0 && (isLong ? price <= position.StopLoss : price >= position.StopLoss);
            bool target = !stopped && position.TakeProfit > 0 && (isLong ? price >= position.TakeProfit : price <= position.TakeProfit);
            if (stopped || target)
            {
                double commission = _ledger.ChargeCommission(book, position.Volume);
                _ledger.Close(position, position.Volume, price, timeMs, stopped ? CloseReason.StopLoss : CloseReason.TakeProfit, commission);
            }
        }
    }

    private void WatchMargin(long timeMs)
    {
        if (_ledger.Margin <= 0)
        {
            _marginCallRaised = false;
            return;
        }

        while (_ledger.Margin > 0 && _ledger.MarginLevel <= _settings.StopOutLevel && _ledger.MostLosing() is { } worst)
        {
            _events.Publish(new StopOutTriggered(timeMs, worst.Id, worst.Book.Spec.Name, _ledger.MarginLevel));
            double commission = _ledger.ChargeCommission(worst.Book, worst.Volume);
            _ledger.Close(worst, worst.Volume, worst.Book.ClosingPrice(worst.Side), timeMs, CloseReason.StopOut, commission);
            _ledger.Revalue();
        }

        if (_ledger.Margin > 0 && _ledger.MarginLevel <= _settings.MarginCallLevel)
        {
            if (!_marginCallRaised)
            {
                _marginCallRaised = true;
                _events.Publish(new MarginCallReached(timeMs, _ledger.MarginLevel, _ledger.Equity, _ledger.Margin));
            }
        }
        else
        {
            _marginCallRaised = false;
        }
    }

    /// <summary>Books every rollover up to the time, per symbol, and schedules the next.</summary>
    private void BookRollovers(long timeMs)
    {
        long earliest = long.MaxValue;
        foreach (SymbolBook book in _books.Values)
        {
            if (book.NextRolloverMs == long.MinValue)
            {
                book.NextRolloverMs = RolloverSchedule.Next(timeMs, book.Spec);
            }

            while (book.NextRolloverMs <= timeMs)
            {
                if (book.Positions.Count > 0)
                {
                    _ledger.ChargeSwaps(book, book.NextRolloverMs, RolloverSchedule.Nights(book.NextRolloverMs, book.Spec));
                }

                book.NextRolloverMs = RolloverSchedule.Next(book.NextRolloverMs, book.Spec);
            }

            earliest = Math.Min(earliest, book.NextRolloverMs);
        }

        _nextRolloverMs = earliest;
    }
}
