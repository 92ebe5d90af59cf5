using Releat.MarketData.Calendar;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;

namespace Releat.Testing.Mt5;

/// <summary>
/// The broker's trade server as the EA sees it through MQL5: positions (ticket and identifier), pending orders, and
/// the deal history, where a deal becomes visible only once the server's history has synced (a scripted delay on
/// the test's clock). Deals are made by the <see cref="SimulatedBroker"/> the backtests and the paper venue use
/// (fill price, netting and hedging, realised profit, commission from the symbol catalogue); this class adds only
/// what MT5 shows on top of it: order and deal tickets, a position's ticket beside its identifier, the magic number
/// and comment, orders left placed, and history that lags. Prices are set by the test and reach the broker as a
/// tick at each deal; the market is open all week so tests on the real clock deal on any day.
/// </summary>
public sealed class FakeTradeServer
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly SimulatedBroker _broker;
    private readonly TradeEventRecorder _events = new();
    private readonly Dictionary<long, PositionLabel> _labels = [];
    private readonly List<FakeDeal> _deals = [];
    private readonly List<FakeOrder> _placed = [];
    private long _nextTicket = 1000;
    private long _lastTickMs = long.MinValue;

    /// <param name="clock">The server's clock: deal times, history delays and the broker's ticks.</param>
    /// <param name="hedging">A hedging account (a position per opening order) or a netting one (one per symbol).</param>
    /// <param name="commissionPerLot">Commission charged on each deal per lot, in the account currency.</param>
    /// <param name="brokerSymbols">
    /// Names the broker trades under besides the catalogue's, each a catalogue symbol with a suffix (EURUSDm).
    /// </param>
    public FakeTradeServer(TimeProvider clock, bool hedging = true, double commissionPerLot = 7, IEnumerable<string>? brokerSymbols = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        Hedging = hedging;
        // A broker that adds a suffix trades under that name only (its EURUSDm replaces EURUSD, conversions too).
        var suffixed = (brokerSymbols ?? []).Where(name => !SymbolCatalog.Defaults.TryGet(name, out _)).Select(name =>
            (SymbolCatalog.Defaults.All.FirstOrDefault(s => name.StartsWith(s.Name, StringComparison.Ordinal))
                ?? throw new ArgumentException($"broker symbol '{name}' is no catalogue symbol with a suffix", nameof(brokerSymbols))) with { Name = name })
            .ToList();
        var plain = SymbolCatalog.Defaults.All.Where(s => !suffixed.Any(b => b.Name.StartsWith(s.Name, StringComparison.Ordinal)));
        var symbols = new SymbolCatalog(plain.Concat(suffixed).Select(s => s with
        {
            CommissionPerLot = commissionPerLot,
            Sessions = WeeklySessions.AllWeek,
            SwapLongPoints = 0,
            SwapShortPoints = 0,
        }));

        // A balance no test's lots can exhaust: margin refusals are not what the double is for.
        var settings = new BrokerSettings
        {
            InitialBalance = 10_000_000,
            Mode = hedging ? AccountMode.Hedging : AccountMode.Netting,
        };
        _broker = new SimulatedBroker(symbols, settings, new SystemClock(clock));
        _broker.Subscribe(_events);
    }

    public TimeProvider Clock => _clock;

    public bool Hedging { get; }

    /// <summary>How long after the deal the history shows it (a history sync stall).</summary>
    public TimeSpan HistoryDelay { get; set; }

    /// <summary>What the server writes as the comment of orders and deals (a rewrite, e.g. a broker prefix).</summary>
    public Func<string, string> CommentRewrite { get; set; } = c => c;

    /// <summary>New positions get a ticket different from their identifier (as after some swaps and reversals).</summary>
    public bool TicketsDifferFromIdentifiers { get; set; }

    public double Bid { get; set; } = 1.1000;

    public double Ask { get; set; } = 1.1002;

    public IReadOnlyList<FakePosition> Positions
    {
        get
        {
            lock (_gate)
            {
                return [.. _broker.GetPositions().Select(p => _labels[p.Id].Describe(p))];
            }
        }
    }

    /// <summary>Deals the history shows now.</summary>
    public IReadOnlyList<FakeDeal> VisibleDeals
    {
        get { lock (_gate) { return [.. _deals.Where(d => d.VisibleAt <= _clock.GetUtcNow())]; } }
    }

    public IReadOnlyList<FakeOrder> PlacedOrders
    {
        get { lock (_gate) { return [.. _placed]; } }
    }

    /// <summary>Leaves an order placed but not dealt (TRADE_RETCODE_PLACED), until <see cref="FillPlaced"/>.</summary>
    public FakeOrder Place(string symbol, bool buy, double volume, long magic, string comment)
    {
        lock (_gate)
        {
            var order = new FakeOrder(_nextTicket++, symbol, buy, volume, magic, CommentRewrite(comment));
            _placed.Add(order);
            return order;
        }
    }

    public FakeDeal FillPlaced(FakeOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_gate)
        {
            _placed.Remove(order);
            return DealLocked(order.Ticket, order.Symbol, order.Buy, order.Volume, order.Magic, order.Comment, positionId: 0);
        }
    }

    /// <summary>
    /// A market deal for a new order: opens a position (hedging) or changes the symbol's one (netting); with
    /// <paramref name="positionId"/>, closes that position or part of it.
    /// </summary>
    public FakeDeal Deal(string symbol, bool buy, double volume, long magic, string comment, long positionId = 0)
    {
        lock (_gate)
        {
            return DealLocked(_nextTicket++, symbol, buy, volume, magic, CommentRewrite(comment), positionId);
        }
    }

    private FakeDeal DealLocked(long order, string symbol, bool buy, double volume, long magic, string comment, long positionId)
    {
        // The broker fills an order on the first tick after it reaches the market: quote, send, quote again.
        Quote(symbol);
        _events.Clear();
        var closing = positionId == 0 ? 0 : _labels.Single(l => l.Value.Identifier == positionId).Key;
        var sent = _broker.PlaceOrder(new OrderRequest
        {
            ClientOrderId = order.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Symbol = symbol,
            Side = buy ? OrderSide.Buy : OrderSide.Sell,
            Volume = volume,
            PositionId = closing,
        });
        Quote(symbol);
        _broker.TryGetOrder(sent.ClientOrderId, out var result);
        if (result.State != OrderState.Filled)
        {
            throw new InvalidOperationException($"the simulated broker did not fill order {order} ({symbol} {volume}): {result.RetCode} {result.Reason}");
        }

        var fill = _events.OfType<OrderFilled>().Single();
        var profit = _events.OfType<PositionClosed>().Sum(c => c.Profit);
        var identifier = _labels.TryGetValue(result.PositionId, out var known) ? known.Identifier : order;
        Label(result.PositionId, order, magic, comment);
        var deal = new FakeDeal(_nextTicket++, order, identifier, symbol, buy, volume, fill.FillPrice,
            Math.Round(profit, 2), -Math.Round(fill.Commission, 2), 0, magic, comment, fill.TimeMs, _clock.GetUtcNow() + HistoryDelay);
        _deals.Add(deal);
        return deal;
    }

    /// <summary>
    /// Names the broker's position as MT5 would: its identifier is the ticket of the order that opened it and never
    /// changes; its ticket changes when a netting position turns round. Positions the broker closed lose their label.
    /// </summary>
    private void Label(long brokerPositionId, long order, long magic, string comment)
    {
        bool open = _broker.TryGetPosition(brokerPositionId, out var position);
        if (!open)
        {
            _labels.Remove(brokerPositionId);
        }
        else if (!_labels.TryGetValue(brokerPositionId, out var label))
        {
            _labels[brokerPositionId] = new PositionLabel(TicketsDifferFromIdentifiers ? _nextTicket++ : order, order, position.Side, magic, comment);
        }
        else if (label.Side != position.Side)
        {
            _labels[brokerPositionId] = label with { Ticket = _nextTicket++, Side = position.Side };
        }
    }

    /// <summary>Sends the test's prices to the broker as a tick at the server's time (never earlier than the last).</summary>
    private void Quote(string symbol)
    {
        _lastTickMs = Math.Max(_clock.GetUtcNow().ToUnixTimeMilliseconds(), _lastTickMs);
        _broker.OnTick(symbol, new Tick(_lastTickMs, Bid, Ask));
    }

    /// <summary>What MT5 shows of a position beside the broker's own fields (its side is kept to see a reversal).</summary>
    private sealed record PositionLabel(long Ticket, long Identifier, OrderSide Side, long Magic, string Comment)
    {
        public FakePosition Describe(Position p) =>
            new(Ticket, Identifier, p.Symbol, p.Side == OrderSide.Buy, p.Volume, p.OpenPrice, p.OpenTimeMs, Magic, Comment);
    }
}

/// <summary>An open position as MT5 lists it (POSITION_TICKET, POSITION_IDENTIFIER, ...), a snapshot.</summary>
public sealed record FakePosition(
    long Ticket, long Identifier, string Symbol, bool Buy, double Volume, double OpenPrice, long OpenTimeMs, long Magic, string Comment);

public sealed record FakeOrder(long Ticket, string Symbol, bool Buy, double Volume, long Magic, string Comment);

public sealed record FakeDeal(
    long Ticket, long Order, long PositionId, string Symbol, bool Buy, double Volume, double Price, double Profit,
    double Commission, double Swap, long Magic, string Comment, long TimeMs, DateTimeOffset VisibleAt);
