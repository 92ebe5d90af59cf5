using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Trading;

/// <summary>
/// Balance and positions of the simulated account, in the account currency. Commission is taken from the
/// balance on every deal; swap accrues on the position and reaches the balance when the position closes, with
/// the price P&amp;L. Publishes the position events.
/// </summary>
internal sealed class AccountLedger(BrokerSettings settings, TradeEventBus events)
{
    public double Balance { get; private set; } = settings.InitialBalance;

    public double Equity { get; private set; } = settings.InitialBalance;

    public double Margin { get; private set; }

    public double FreeMargin => Equity - Margin;

    /// <summary>Percent; 0 when no margin is used, as MT5 reports it.</summary>
    public double MarginLevel => Margin > 0 ? Equity / Margin * 100 : 0;

    public List<OpenPosition> Positions { get; } = [];

    public AccountState State => new(settings.AccountCurrency, Balance, Equity, Margin, FreeMargin, MarginLevel);

    public OpenPosition? Find(long positionId)
    {
        foreach (OpenPosition position in Positions)
        {
            if (position.Id == positionId)
            {
                return position;
            }
        }

        return null;
    }

    /// <summary>Recomputes every position's floating profit and margin, then equity and margin.</summary>
    public void Revalue()
    {
        double floating = 0;
        double margin = 0;
        foreach (OpenPosition position in Positions)
        {
            position.Revalue();
            floating += position.Profit + position.Swap;
            margin += position.Margin;
        }

        Equity = Balance + floating;
        Margin = margin;
    }

    public double ChargeCommission(SymbolBook book, double volume)
    {
        double commission = volume * book.Spec.CommissionPerLot;
        Balance -= commission;
        return commission;
    }

    public OpenPosition Open(
        long positionId, SymbolBook book, OrderSide side, double volume, double price, long timeMs, OrderRequest request, long orderId, double commission)
    {
        var position = new OpenPosition(positionId, book, side, timeMs)
        {
            Volume = volume,
            OpenPrice = price,
            StopLoss = request.StopLoss,
            TakeProfit = request.TakeProfit,
            Commission = commission,
        };
        Positions.Add(position);
        book.Positions.Add(position);
        position.Revalue();
        events.Publish(new PositionOpened(timeMs, position.Id, book.Spec.Name, side, volume, price, orderId));
        return position;
    }

    public void Increase(OpenPosition position, double volume, double price, long timeMs, OrderRequest request, long orderId, double commission)
    {
        double total = Lots.Round(position.Volume + volume);
        position.OpenPrice = ((position.OpenPrice * position.Volume) + (price * volume)) / total;
        position.Volume = total;
        position.Commission += commission;
        if (request.StopLoss != 0 || request.TakeProfit != 0)
        {
            position.StopLoss = request.StopLoss;
            position.TakeProfit = request.TakeProfit;
        }

        position.Revalue();
        events.Publish(new PositionIncreased(timeMs, position.Id, position.Book.Spec.Name, volume, total, position.OpenPrice, orderId));
    }

    /// <summary>Closes <paramref name="volume"/> lots at <paramref name="price"/>, realising their P&amp;L and swap share.</summary>
    public void Close(OpenPosition position, double volume, double price, long timeMs, CloseReason reason, double commission)
    {
        double profit = position.ProfitAt(price, volume);
        double swapShare = position.Swap * volume / position.Volume;
        Balance += profit + swapShare;
        position.Swap -= swapShare;
        position.Volume = Lots.Round(position.Volume - volume);
        if (position.Volume <= 0)
        {
            position.Volume = 0;
            Positions.Remove(position);
            position.Book.Positions.Remove(position);
        }
        else
        {
            position.Revalue();
        }

        events.Publish(new PositionClosed(
            timeMs, position.Id, position.Book.Spec.Name, position.Side, volume, position.Volume, position.OpenPrice,
            price, profit, swapShare, commission, reason));
    }

    /// <summary>Books <paramref name="nights"/> nights of swap to every position of the symbol.</summary>
    public void ChargeSwaps(SymbolBook book, long rolloverMs, int nights)
    {
        foreach (OpenPosition position in book.Positions)
        {
            double points = position.Side == OrderSide.Buy ? book.Spec.SwapLongPoints : book.Spec.SwapShortPoints;
            double amount = points * book.Spec.Point * book.Spec.ContractSize * position.Volume * nights * book.ProfitRoute!.Rate;
            position.Swap += amount;
            events.Publish(new SwapCharged(rolloverMs, position.Id, book.Spec.Name, amount, nights));
        }
    }

    /// <summary>The position losing the most (price P&amp;L plus swap), the first to go at a stop-out.</summary>
    public OpenPosition? MostLosing()
    {
        OpenPosition? worst = null;
        foreach (OpenPosition position in Positions)
        {
            if (worst is null || position.Profit + position.Swap < worst.Profit + worst.Swap)
            {
                worst = position;
            }
        }

        return worst;
    }
}
