namespace Releat.MarketData.Trading;

/// <summary>The broker's own record of an open position, revalued on ticks; the outside sees <see cref="Position"/>.</summary>
internal sealed class OpenPosition(long id, SymbolBook book, OrderSide side, long openTimeMs)
{
    public long Id { get; } = id;

    public SymbolBook Book { get; } = book;

    public OrderSide Side { get; } = side;

    public long OpenTimeMs { get; } = openTimeMs;

    public double Volume { get; set; }

    public double OpenPrice { get; set; }

    public double StopLoss { get; set; }

    public double TakeProfit { get; set; }

    /// <summary>Floating price P&amp;L in the account currency, as of the last revaluation.</summary>
    public double Profit { get; private set; }

    /// <summary>Accrued swap in the account currency, paid into the balance when closed.</summary>
    public double Swap { get; set; }

    /// <summary>Commission of the deals that opened or added to the position.</summary>
    public double Commission { get; set; }

    public double Margin { get; private set; }

    public double Direction => Side == OrderSide.Buy ? 1 : -1;

    /// <summary>Price P&amp;L of <paramref name="volume"/> lots closed at <paramref name="price"/>, in the account currency.</summary>
    public double ProfitAt(double price, double volume) =>
        (price - OpenPrice) * Direction * volume * Book.Spec.ContractSize * Book.ProfitRoute!.Rate;

    public void Revalue()
    {
        Profit = ProfitAt(Book.ClosingPrice(Side), Volume);
        Margin = Volume * Book.MarginPerLot * Book.MarginRoute!.Rate;
    }

    public Position ToSnapshot() => new(
        Id, Book.Spec.Name, Side, Volume, OpenPrice, OpenTimeMs, StopLoss, TakeProfit, Profit, Swap, Commission, Margin);
}
