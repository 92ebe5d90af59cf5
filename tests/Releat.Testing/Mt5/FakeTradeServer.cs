namespace Releat.Testing.Mt5;

/// <summary>
/// The broker's trade server as the EA sees it through MQL5: positions (ticket and identifier), pending orders, and
/// the deal history, where a deal becomes visible only once the server's history has synced (a scripted delay on
/// the test's clock). Prices are set by the test; a lot is 100,000 units of the base currency, P&amp;L in the quote
/// currency taken as the account currency. Netting accounts keep one position per symbol.
/// </summary>
public sealed class FakeTradeServer(TimeProvider clock, bool hedging = true)
{
    private readonly Lock _gate = new();
    private readonly List<FakePosition> _positions = [];
    private readonly List<FakeDeal> _deals = [];
    private readonly List<FakeOrder> _placed = [];
    private long _nextTicket = 1000;

    public TimeProvider Clock => clock;

    public bool Hedging => hedging;

    /// <summary>How long after the deal the history shows it (a history sync stall).</summary>
    public TimeSpan HistoryDelay { get; set; }

    /// <summary>What the server writes as the comment of orders and deals (a rewrite, e.g. a broker prefix).</summary>
    public Func<string, string> CommentRewrite { get; set; } = c => c;

    /// <summary>New positions get a ticket different from their identifier (as after some swaps and reversals).</summary>
    public bool TicketsDifferFromIdentifiers { get; set; }

    public double CommissionPerLot { get; set; } = 7;

    public double Bid { get; set; } = 1.1000;

    public double Ask { get; set; } = 1.1002;

    public IReadOnlyList<FakePosition> Positions
    {
        get { lock (_gate) { return [.. _positions]; } }
    }

    /// <summary>Deals the history shows now.</summary>
    public IReadOnlyList<FakeDeal> VisibleDeals
    {
        get { lock (_gate) { return [.. _deals.Where(d => d.VisibleAt <= clock.GetUtcNow())]; } }
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
        lock (_gate)
        {
            _placed.Remove(order);
            return DealLocked(order.Ticket, order.Symbol, order.Buy, order.Volume, order.Magic, order.Comment, positionId: 0);
        }
    }

    /// <summary>A market deal for a new order: opens a position (hedging) or changes the symbol's one (netting).</summary>
    public FakeDeal Deal(string symbol, bool buy, double volume, long magic, string comment, long positionId = 0)
    {
        lock (_gate)
        {
            return DealLocked(_nextTicket++, symbol, buy, volume, magic, CommentRewrite(comment), positionId);
        }
    }

    private FakeDeal DealLocked(long order, string symbol, bool buy, double volume, long magic, string comment, long positionId)
    {
        var price = buy ? Ask : Bid;
        var now = clock.GetUtcNow();
        var target = positionId != 0
            ? _positions.FirstOrDefault(p => p.Identifier == positionId)
            : hedging ? null : _positions.FirstOrDefault(p => p.Symbol == symbol);
        double profit = 0;
        long identifier;
        if (target is null || target.Buy == buy)
        {
            if (target is null)
            {
                identifier = order;
                var ticket = TicketsDifferFromIdentifiers ? _nextTicket++ : order;
                _positions.Add(new FakePosition(ticket, identifier, symbol, buy, volume, price, now.ToUnixTimeMilliseconds(), magic, comment));
            }
            else
            {
                identifier = target.Identifier;
                target.OpenPrice = ((target.OpenPrice * target.Volume) + (price * volume)) / (target.Volume + volume);
                target.Volume += volume;
            }
        }
        else
        {
            identifier = target.Identifier;
            var closed = Math.Min(volume, target.Volume);
            profit = Math.Round((price - target.OpenPrice) * (target.Buy ? 1 : -1) * closed * 100_000, 2);
            target.Volume = Math.Round(target.Volume - closed, 8);
            var rest = Math.Round(volume - closed, 8);
            if (target.Volume <= 0 && rest > 0)
            {
                // Netting reversal: the same position (identifier) turns round under a new ticket.
                target.Buy = buy;
                target.Volume = rest;
                target.OpenPrice = price;
                target.Ticket = _nextTicket++;
            }
            else if (target.Volume <= 0)
            {
                _positions.Remove(target);
            }
        }

        var deal = new FakeDeal(_nextTicket++, order, identifier, symbol, buy, volume, price, profit,
            -Math.Round(CommissionPerLot * volume, 2), 0, magic, comment, now.ToUnixTimeMilliseconds(), now + HistoryDelay);
        _deals.Add(deal);
        return deal;
    }
}

public sealed class FakePosition(
    long ticket, long identifier, string symbol, bool buy, double volume, double openPrice, long openTimeMs, long magic, string comment)
{
    public long Ticket { get; set; } = ticket;

    public long Identifier { get; } = identifier;

    public string Symbol { get; } = symbol;

    public bool Buy { get; set; } = buy;

    public double Volume { get; set; } = volume;

    public double OpenPrice { get; set; } = openPrice;

    public long OpenTimeMs { get; } = openTimeMs;

    public long Magic { get; } = magic;

    public string Comment { get; } = comment;
}

public sealed record FakeOrder(long Ticket, string Symbol, bool Buy, double Volume, long Magic, string Comment);

public sealed record FakeDeal(
    long Ticket, long Order, long PositionId, string Symbol, bool Buy, double Volume, double Price, double Profit,
    double Commission, double Swap, long Magic, string Comment, long TimeMs, DateTimeOffset VisibleAt);
