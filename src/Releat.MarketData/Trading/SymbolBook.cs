using Releat.MarketData.Calendar;
using Releat.MarketData.Model;

namespace Releat.MarketData.Trading;

/// <summary>The simulated broker's state for one symbol: latest quote, orders waiting for a tick, open positions.</summary>
internal sealed class SymbolBook(SymbolSpec spec, MarketCalendar calendar)
{
    public SymbolSpec Spec { get; } = spec;

    public MarketCalendar Calendar { get; } = calendar;

    public bool HasQuote { get; private set; }

    public double Bid { get; private set; }

    public double Ask { get; private set; }

    /// <summary>Ticks seen so far; an order fills only on a tick counted after the one current when it was sent.</summary>
    public long TickCount { get; private set; }

    public double Mid => (Bid + Ask) * 0.5;

    public List<WorkingOrder> Pending { get; } = [];

    public List<OpenPosition> Positions { get; } = [];

    /// <summary>Converts P&amp;L and swap from the profit currency to the account currency.</summary>
    public CurrencyRoute? ProfitRoute { get; set; }

    /// <summary>Converts margin from the margin currency to the account currency.</summary>
    public CurrencyRoute? MarginRoute { get; set; }

    public long NextRolloverMs { get; set; } = long.MinValue;

    /// <summary>Margin for one lot in the margin currency: fixed, or contract size over leverage.</summary>
    public double MarginPerLot => Spec.MarginPerLot > 0 ? Spec.MarginPerLot : Spec.ContractSize / Spec.Leverage;

    public void Quote(in Tick tick)
    {
        Bid = tick.Bid;
        Ask = tick.Ask;
        HasQuote = true;
        TickCount++;
    }

    /// <summary>The price a position of this side is valued and closed at: bid for longs, ask for shorts.</summary>
    public double ClosingPrice(OrderSide side) => side == OrderSide.Buy ? Bid : Ask;
}
