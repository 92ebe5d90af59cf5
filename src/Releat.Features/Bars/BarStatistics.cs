namespace Releat.Features.Bars;

/// <summary>
/// What a bar feature can read about one bar: prices are the mid (or the candle side for candle data) in price
/// units, distances are in pips. A bar without ticks is flat at the last known price and spread, with zero counts,
/// slope, skew and volatility (what "fill forward" means).
/// </summary>
public readonly struct BarStatistics
{
    public long TickCount { get; init; }

    public double Open { get; init; }

    public double High { get; init; }

    public double Low { get; init; }

    public double Close { get; init; }

    public double Mean { get; init; }

    public double MeanSpreadPips { get; init; }

    /// <summary>Population standard deviation of the mid over the bar's ticks.</summary>
    public double StdDevPips { get; init; }

    /// <summary>Population skewness (third central moment over the 1.5th power of the second) of the mid.</summary>
    public double Skewness { get; init; }

    /// <summary>Square root of the sum of squared tick-to-tick mid moves (the first from the tick before the bar).</summary>
    public double RealisedVolatilityPips { get; init; }

    /// <summary>Least-squares slope of the mid against time, in pips per bar length.</summary>
    public double SlopePipsPerBar { get; init; }

    /// <summary>Share of ticks flagged TICK_FLAG_BUY (exchange deals at the ask).</summary>
    public double BuyRatio { get; init; }

    /// <summary>Share of ticks flagged TICK_FLAG_SELL.</summary>
    public double SellRatio { get; init; }

    /// <summary>Share of quotes where only the bid moved (flags Bid without Ask).</summary>
    public double BidOnlyRatio { get; init; }

    /// <summary>Share of quotes where only the ask moved (flags Ask without Bid).</summary>
    public double AskOnlyRatio { get; init; }

    public bool IsEmpty => TickCount == 0;
}
