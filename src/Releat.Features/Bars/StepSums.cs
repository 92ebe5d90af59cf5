namespace Releat.Features.Bars;

/// <summary>
/// Exact integer sums over the ticks of one decision step, or of a window of steps. x is the mid price in
/// half-points (bid + ask in points), t is milliseconds from the start of the step (or window), s is the spread in
/// points. Second and third order sums are <see cref="Int128"/>: enough for a day-long bar of a five-digit
/// symbol at thousands of ticks per second, so nothing overflows and nothing rounds.
/// </summary>
internal struct StepSums
{
    public long Count;
    public long SumX;
    public Int128 SumXX;
    public Int128 SumXXX;
    public long SumT;
    public Int128 SumTT;
    public Int128 SumTX;
    public long SumSpread;

    /// <summary>Sum of squared tick-to-tick moves of x, each tick measured from the tick before it.</summary>
    public long SumSquaredMoves;
    public int BuyCount;
    public int SellCount;
    public int BidOnlyCount;
    public int AskOnlyCount;

    public void Clear() => this = default;

    public void AddTick(long x, long spread, long t, long move, MarketData.Model.TickFlags flags, bool thirdMoment)
    {
        Count++;
        SumX += x;
        Int128 xx = Math.BigMul(x, x);
        SumXX += xx;
        if (thirdMoment)
        {
            SumXXX += xx * x;
        }

        SumT += t;
        SumTT += Math.BigMul(t, t);
        SumTX += Math.BigMul(t, x);
        SumSpread += spread;
        SumSquaredMoves += move * move;

        // MT5 flags: a forex quote says which side moved; exchange ticks say which side traded.
        const MarketData.Model.TickFlags Sides = MarketData.Model.TickFlags.Bid | MarketData.Model.TickFlags.Ask;
        BuyCount += (flags & MarketData.Model.TickFlags.Buy) != 0 ? 1 : 0;
        SellCount += (flags & MarketData.Model.TickFlags.Sell) != 0 ? 1 : 0;
        BidOnlyCount += (flags & Sides) == MarketData.Model.TickFlags.Bid ? 1 : 0;
        AskOnlyCount += (flags & Sides) == MarketData.Model.TickFlags.Ask ? 1 : 0;
    }

    /// <summary>Adds a step whose times start <paramref name="shiftMs"/> after this window's origin.</summary>
    public void Add(in StepSums step, long shiftMs) => Combine(step, shiftMs, 1);

    /// <summary>Removes a step added earlier with the same shift relative to the current origin.</summary>
    public void Subtract(in StepSums step, long shiftMs) => Combine(step, shiftMs, -1);

    /// <summary>Moves the time origin later by <paramref name="deltaMs"/>: every t becomes t - delta, exactly.</summary>
    public void MoveOrigin(long deltaMs)
    {
        // Σ(t-Δ) = Σt - nΔ;  Σ(t-Δ)² = Σt² - 2ΔΣt + nΔ²;  Σ(t-Δ)x = Σtx - ΔΣx
        SumTT += (Int128)Count * deltaMs * deltaMs - (Int128)2 * deltaMs * SumT;
        SumTX -= Math.BigMul(deltaMs, SumX);
        SumT -= Count * deltaMs;
    }

    private void Combine(in StepSums step, long shiftMs, int sign)
    {
        // A step's t is relative to its own start; relative to the window origin it is t + shift.
        Int128 sumT = step.SumT + (step.Count * shiftMs);
        Int128 sumTT = step.SumTT + ((Int128)2 * shiftMs * step.SumT) + ((Int128)step.Count * shiftMs * shiftMs);
        Int128 sumTX = step.SumTX + Math.BigMul(shiftMs, step.SumX);
        if (sign > 0)
        {
            Count += step.Count;
            SumX += step.SumX;
            SumXX += step.SumXX;
            SumXXX += step.SumXXX;
            SumT += (long)sumT;
            SumTT += sumTT;
            SumTX += sumTX;
            SumSpread += step.SumSpread;
            SumSquaredMoves += step.SumSquaredMoves;
            BuyCount += step.BuyCount;
            SellCount += step.SellCount;
            BidOnlyCount += step.BidOnlyCount;
            AskOnlyCount += step.AskOnlyCount;
        }
        else
        {
            Count -= step.Count;
            SumX -= step.SumX;
            SumXX -= step.SumXX;
            SumXXX -= step.SumXXX;
            SumT -= (long)sumT;
            SumTT -= sumTT;
            SumTX -= sumTX;
            SumSpread -= step.SumSpread;
            SumSquaredMoves -= step.SumSquaredMoves;
            BuyCount -= step.BuyCount;
            SellCount -= step.SellCount;
            BidOnlyCount -= step.BidOnlyCount;
            AskOnlyCount -= step.AskOnlyCount;
        }
    }
}
