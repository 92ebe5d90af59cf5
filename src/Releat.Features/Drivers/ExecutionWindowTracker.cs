namespace Releat.Features.Drivers;

/// <summary>
/// Tracks the traded symbol's bid and ask range over the current decision step: the dataset's execution windows
/// (batch driver), and live, the window an open position is marked at (the signal service), so both see the same range.
/// </summary>
public sealed class ExecutionWindowTracker
{
    private ExecutionRange _range;
    private double _lastBid;
    private double _lastAsk;
    private bool _any;

    public void AddQuote(double bid, double ask)
    {
        // Per-tick path of the batch driver: plain field updates.
        if (!_any)
        {
            _range = new ExecutionRange(bid, bid, ask, ask);
            _any = true;
        }
        else if (bid < _range.BidLow || bid > _range.BidHigh || ask < _range.AskLow || ask > _range.AskHigh)
        {
            _range = new ExecutionRange(
                Math.Min(_range.BidLow, bid), Math.Max(_range.BidHigh, bid), Math.Min(_range.AskLow, ask), Math.Max(_range.AskHigh, ask));
        }

        _lastBid = bid;
        _lastAsk = ask;
    }

    /// <summary>A candle's range; <paramref name="closeBid"/> and <paramref name="closeAsk"/> become the last quote.</summary>
    public void Add(in ExecutionRange range, double closeBid, double closeAsk)
    {
        _range = _any
            ? new ExecutionRange(
                Math.Min(_range.BidLow, range.BidLow),
                Math.Max(_range.BidHigh, range.BidHigh),
                Math.Min(_range.AskLow, range.AskLow),
                Math.Max(_range.AskHigh, range.AskHigh))
            : range;
        _any = true;
        _lastBid = closeBid;
        _lastAsk = closeAsk;
    }

    /// <summary>The range of the step just closed (the last quote if it had no ticks), then starts a new step.</summary>
    public ExecutionRange TakeStep()
    {
        ExecutionRange range = _any ? _range : new ExecutionRange(_lastBid, _lastBid, _lastAsk, _lastAsk);
        _any = false;
        return range;
    }
}
