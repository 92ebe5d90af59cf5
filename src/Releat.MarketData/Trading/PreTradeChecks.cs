using System.Globalization;
using Releat.MarketData.Time;

namespace Releat.MarketData.Trading;

/// <summary>
/// The checks a trade server makes when an order is sent, in MT5's terms. Each returns null when the order
/// passes, or the return code and reason it is rejected with.
/// </summary>
internal static class PreTradeChecks
{
    public static (TradeRetcode Code, string Reason)? Check(
        OrderRequest request, SymbolBook? book, OpenPosition? closing, AccountLedger ledger, AccountMode mode, long nowMs)
    {
        if (request.PositionId != 0 && closing is null)
        {
            return (TradeRetcode.PositionClosed, $"position {request.PositionId} is not open");
        }

        if (book is null)
        {
            return (TradeRetcode.Invalid, $"unknown symbol '{request.Symbol}'");
        }

        if (closing is not null && closing.Book != book)
        {
            return (TradeRetcode.Invalid, $"position {closing.Id} is {closing.Book.Spec.Name}, not {request.Symbol}");
        }

        if (book.Spec.VolumeProblem(request.Volume) is { } volumeProblem)
        {
            return (TradeRetcode.InvalidVolume, volumeProblem);
        }

        if (!book.HasQuote)
        {
            return (TradeRetcode.PriceOff, $"no quote for {book.Spec.Name} yet");
        }

        if (!book.Calendar.IsOpen(nowMs))
        {
            return (TradeRetcode.MarketClosed, $"{book.Spec.Name} is closed at {UtcTime.Format(nowMs)} UTC");
        }

        if (book.ProfitRoute is null || book.MarginRoute is null)
        {
            return (TradeRetcode.Reject, $"no quoted pair converts {book.Spec.ProfitCurrency}/{book.Spec.MarginCurrency} of {book.Spec.Name} to the account currency");
        }

        if (!book.ProfitRoute.HasRate || !book.MarginRoute.HasRate)
        {
            return (TradeRetcode.PriceOff, $"no quote yet for the conversion {book.ProfitRoute.Description}; {book.MarginRoute.Description}");
        }

        if (closing is not null)
        {
            if (closing.Side == request.Side)
            {
                return (TradeRetcode.Invalid, $"closing position {closing.Id} ({closing.Side}) needs an opposite order, got {request.Side}");
            }

            if (Lots.Round(request.Volume) > closing.Volume)
            {
                return (TradeRetcode.InvalidCloseVolume, $"close volume {request.Volume} exceeds position {closing.Id}'s {closing.Volume}");
            }
        }
        else if (StopsProblem(book, request.Side, request.StopLoss, request.TakeProfit) is { } stopsProblem)
        {
            return (TradeRetcode.InvalidStops, stopsProblem);
        }

        double required = AddedExposure(request, book, mode) * book.MarginPerLot * book.MarginRoute.Rate;
        if (required > ledger.FreeMargin)
        {
            return (TradeRetcode.NoMoney, string.Create(CultureInfo.InvariantCulture,
                $"margin {required:F2} needed, free margin is {ledger.FreeMargin:F2}"));
        }

        return null;
    }

    /// <summary>
    /// Stop loss and take profit must lie on the right side of the price the position would close at (bid for a
    /// buy, ask for a sell), at least the symbol's stops level away.
    /// </summary>
    public static string? StopsProblem(SymbolBook book, OrderSide side, double stopLoss, double takeProfit)
    {
        if (stopLoss < 0 || takeProfit < 0 || !double.IsFinite(stopLoss) || !double.IsFinite(takeProfit))
        {
            return $"stop loss {stopLoss} and take profit {takeProfit} must be prices or 0";
        }

        double level = book.Spec.PointsToPrice(book.Spec.StopsLevelPoints);
        double reference = book.ClosingPrice(side);
        bool badStop = side == OrderSide.Buy
            ? stopLoss > 0 && stopLoss >= reference - level
            : stopLoss > 0 && stopLoss <= reference + level;
        bool badTarget = side == OrderSide.Buy
            ? takeProfit > 0 && takeProfit <= reference + level
            : takeProfit > 0 && takeProfit >= reference - level;
        return badStop || badTarget
            ? string.Create(CultureInfo.InvariantCulture,
                $"{side} {book.Spec.Name}: stop loss {stopLoss} / take profit {takeProfit} on the wrong side of {(side == OrderSide.Buy ? "bid" : "ask")} {reference} (stops level {book.Spec.StopsLevelPoints} points)")
            : null;
    }

    /// <summary>Lots the order adds to the account's exposure (what needs new margin).</summary>
    public static double AddedExposure(OrderRequest request, SymbolBook book, AccountMode mode, double? volume = null)
    {
        double lots = volume ?? request.Volume;
        if (request.PositionId != 0)
        {
            return 0;
        }

        if (mode == AccountMode.Hedging || book.Positions.Count == 0 || book.Positions[0].Side == request.Side)
        {
            return lots;
        }

        return Math.Max(0, Lots.Round(lots - book.Positions[0].Volume));
    }
}
