namespace Releat.MarketData.Trading;

/// <summary>The broker's own, changing record of an order; the outside world sees <see cref="OrderResult"/> snapshots.</summary>
internal sealed class WorkingOrder(long id, OrderRequest request, long submittedMs)
{
    public long Id { get; } = id;

    public OrderRequest Request { get; } = request;

    public long SubmittedMs { get; } = submittedMs;

    public long ArrivalMs { get; set; }

    /// <summary>The symbol's tick count when the order was sent.</summary>
    public long SubmittedAtTick { get; set; }

    public OrderState State { get; set; } = OrderState.Submitted;

    public TradeRetcode RetCode { get; set; } = TradeRetcode.Placed;

    public string Reason { get; set; } = "";

    public double FilledVolume { get; set; }

    public double AverageFillPrice { get; set; }

    public long PositionId { get; set; }

    /// <summary>Fills so far (a large order fills over several ticks); each fill draws its own slippage.</summary>
    public int Fills { get; private set; }

    public double Remaining => Lots.Round(Request.Volume - FilledVolume);

    public void RecordFill(double volume, double price)
    {
        double filled = Lots.Round(FilledVolume + volume);
        AverageFillPrice = ((AverageFillPrice * FilledVolume) + (price * volume)) / filled;
        FilledVolume = filled;
        Fills++;
        bool complete = Remaining <= 0;
        State = complete ? OrderState.Filled : OrderState.PartiallyFilled;
        RetCode = complete ? TradeRetcode.Done : TradeRetcode.DonePartial;
    }

    public void Reject(TradeRetcode code, string reason)
    {
        State = OrderState.Rejected;
        RetCode = code;
        Reason = reason;
    }

    public OrderResult ToResult() => new(
        Id, Request.ClientOrderId, Request.Symbol, Request.Side, Request.Volume, State, RetCode, Reason,
        FilledVolume, AverageFillPrice, PositionId);
}
