using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Trading;

/// <summary>
/// Fills orders that have reached the market on the next tick of their symbol: ask for buys, bid for sells,
/// worse by the slippage; checks requote deviation, market hours and margin at the fill; applies the deal to the
/// positions (open, add, reduce, or reverse in netting mode) and publishes the order events.
/// </summary>
internal sealed class OrderExecution(BrokerSettings settings, AccountLedger ledger, TradeEventBus events)
{
    private readonly BrokerSettings _settings = settings;
    private readonly AccountLedger _ledger = ledger;
    private readonly TradeEventBus _events = events;

    public void FillPendingOrders(SymbolBook book, in Tick tick)
    {
        for (int i = 0; i < book.Pending.Count; i++)
        {
            WorkingOrder order = book.Pending[i];
            if (book.TickCount <= order.SubmittedAtTick || tick.TimeMs < order.ArrivalMs)
            {
                continue;
            }

            Fill(book, order, tick);
            if (order.State is OrderState.Filled or OrderState.Rejected)
            {
                book.Pending.RemoveAt(i--);
            }
        }
    }

    private void Fill(SymbolBook book, WorkingOrder order, in Tick tick)
    {
        OrderRequest request = order.Request;
        SymbolSpec spec = book.Spec;
        int slippagePoints = _settings.Slippage.PointsFor(request.ClientOrderId, order.Fills);
        double price = request.Side == OrderSide.Buy
            ? spec.RoundToPoint(tick.Ask + spec.PointsToPrice(slippagePoints))
            : spec.RoundToPoint(tick.Bid - spec.PointsToPrice(slippagePoints));
        if (request.RequestedPrice > 0 && request.DeviationPoints is int deviation
            && Math.Abs(spec.PriceToPoints(price - request.RequestedPrice)) > deviation + 1e-6)
        {
            Reject(order, TradeRetcode.Requote, string.Create(CultureInfo.InvariantCulture,
                $"price {price} is more than {deviation} points from the requested {request.RequestedPrice}"), tick.TimeMs);
            return;
        }

        if (!book.Calendar.IsOpen(tick.TimeMs))
        {
            Reject(order, TradeRetcode.MarketClosed, $"{spec.Name} closed before the order reached the market", tick.TimeMs);
            return;
        }

        if (request.PositionId == 0 && order.PositionId != 0 && _settings.Mode == AccountMode.Hedging && _ledger.Find(order.PositionId) is null)
        {
            Reject(order, TradeRetcode.PositionClosed, $"position {order.PositionId} closed before the order completed", tick.TimeMs);
            return;
        }

        double volume = _settings.MaxVolumePerFill > 0 ? Math.Min(order.Remaining, _settings.MaxVolumePerFill) : order.Remaining;
        OpenPosition? closing = null;
        if (request.PositionId != 0)
        {
            closing = _ledger.Find(request.PositionId);
            if (closing is null)
            {
                Reject(order, TradeRetcode.PositionClosed, $"position {request.PositionId} closed before the order filled", tick.TimeMs);
                return;
            }

            volume = Math.Min(volume, closing.Volume);
        }

        _ledger.Revalue();
        double required = PreTradeChecks.AddedExposure(request, book, _settings.Mode, volume) * book.MarginPerLot * book.MarginRoute!.Rate;
        if (required > _ledger.FreeMargin)
        {
            Reject(order, TradeRetcode.NoMoney, string.Create(CultureInfo.InvariantCulture,
                $"margin {required:F2} needed at the fill, free margin is {_ledger.FreeMargin:F2}"), tick.TimeMs);
            return;
        }

        double commission = _ledger.ChargeCommission(book, volume);
        ApplyDeal(book, order, closing, volume, price, commission, tick.TimeMs);
        order.RecordFill(volume, price);
        if (order.State == OrderState.Filled)
        {
            _events.Publish(new OrderFilled(tick.TimeMs, order.Id, request.ClientOrderId, spec.Name, request.Side, volume, price,
                order.FilledVolume, order.AverageFillPrice, commission));
        }
        else
        {
            _events.Publish(new OrderPartiallyFilled(tick.TimeMs, order.Id, request.ClientOrderId, spec.Name, request.Side, volume, price,
                order.FilledVolume, order.Remaining, commission));
        }
    }

    /// <summary>Applies a fill to the positions: open, add, reduce, or (netting) reverse.</summary>
    private void ApplyDeal(SymbolBook book, WorkingOrder order, OpenPosition? closing, double volume, double price, double commission, long timeMs)
    {
        OrderRequest request = order.Request;
        if (closing is not null)
        {
            _ledger.Close(closing, volume, price, timeMs, CloseReason.Client, commission);
            order.PositionId = closing.Id;
            return;
        }

        OpenPosition? existing = _settings.Mode == AccountMode.Netting
            ? (book.Positions.Count > 0 ? book.Positions[0] : null)
            : _ledger.Find(order.PositionId);
        if (existing is null)
        {
            order.PositionId = _ledger.Open(order.Id, book, request.Side, volume, price, timeMs, request, order.Id, commission).Id;
            return;
        }

        if (existing.Side == request.Side)
        {
            _ledger.Increase(existing, volume, price, timeMs, request, order.Id, commission);
            order.PositionId = existing.Id;
            return;
        }

        // Netting, opposite side: reduce, and reverse with whatever is left over. A reversal keeps the position's
        // identifier, as MT5 does (only its ticket changes there), so orders and deals of both legs name one position.
        double closed = Math.Min(volume, existing.Volume);
        double reversed = Lots.Round(volume - closed);
        double closingCommission = commission * closed / volume;
        _ledger.Close(existing, closed, price, timeMs, CloseReason.Client, closingCommission);
        order.PositionId = existing.Id;
        if (reversed > 0)
        {
            _ledger.Open(existing.Id, book, request.Side, reversed, price, timeMs, request, order.Id, commission - closingCommission);
        }
    }

    public void Reject(WorkingOrder order, TradeRetcode code, string reason, long timeMs)
    {
        order.Reject(code, reason);
        _events.Publish(new OrderRejected(timeMs, order.Id, order.Request.ClientOrderId, order.Request.Symbol, code, reason));
    }
}
