using Releat.Features.Bars;

namespace Releat.Features.Registry;

/// <summary>
/// The bar features releat ships. Prices are differenced against the latest bar's close (the freshest price the
/// agent knows) and measured in pips, so a feature means the same at 1.05 and at 1.25.
/// </summary>
public static class BuiltInBarFeatures
{
    private const bool Candles = true;
    private const bool TicksOnly = false;

    public static IReadOnlyList<IBarFeature> All { get; } =
    [
        new FunctionBarFeature("price_diff", "latest close minus the bar's mean price, pips", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(l.Close - b.Mean)),
        new FunctionBarFeature("close_diff", "latest close minus the bar's close, pips", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(l.Close - b.Close)),
        new FunctionBarFeature("high_diff", "latest close minus the bar's high, pips", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(l.Close - b.High)),
        new FunctionBarFeature("low_diff", "latest close minus the bar's low, pips", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(l.Close - b.Low)),
        new FunctionBarFeature("mean", "mean mid price", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.Mean),
        new FunctionBarFeature("min", "lowest price", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.Low),
        new FunctionBarFeature("max", "highest price", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.High),
        new FunctionBarFeature("last", "last price (the bar's close)", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.Close),
        new FunctionBarFeature("mean_minus_min", "mean minus low, pips", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(b.Mean - b.Low)),
        new FunctionBarFeature("max_minus_mean", "high minus mean, pips", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(b.High - b.Mean)),
        new FunctionBarFeature("buy_ratio", "ticks flagged buy over tick count", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.BuyRatio),
        new FunctionBarFeature("sell_ratio", "ticks flagged sell over tick count", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.SellRatio),
        new FunctionBarFeature("bid_ratio", "quotes where only the bid moved over tick count", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.BidOnlyRatio),
        new FunctionBarFeature("ask_ratio", "quotes where only the ask moved over tick count", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.AskOnlyRatio),
        new FunctionBarFeature("mean_spread", "mean spread, pips", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.MeanSpreadPips),
        new FunctionBarFeature("tick_count", "number of ticks", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.TickCount),
        new FunctionBarFeature("slope_angle", "atan of the least-squares slope of the mid against time, pips per bar", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => Math.Atan(b.SlopePipsPerBar)),
        new FunctionBarFeature("std_dev", "population standard deviation of the mid, pips", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.StdDevPips),
        new FunctionBarFeature("skew", "population skewness of the mid", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.Skewness, needsSkewness: true),
        new FunctionBarFeature("volatility", "realised volatility: root of summed squared tick moves, pips", TicksOnly,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => b.RealisedVolatilityPips),
        new FunctionBarFeature("candle_return", "close minus open, pips", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(b.Close - b.Open)),
        new FunctionBarFeature("candle_range", "high minus low, pips", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => s.PriceToPips(b.High - b.Low)),
        new FunctionBarFeature("body_ratio", "(close - open) / (high - low); 0 for a flat bar", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => Ratio(b.Close - b.Open, b)),
        new FunctionBarFeature("upper_wick_ratio", "(high - max(open, close)) / (high - low)", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => Ratio(b.High - Math.Max(b.Open, b.Close), b)),
        new FunctionBarFeature("lower_wick_ratio", "(min(open, close) - low) / (high - low)", Candles,
            static (in BarStatistics b, in BarStatistics l, PriceScale s) => Ratio(Math.Min(b.Open, b.Close) - b.Low, b)),
    ];

    private static double Ratio(double part, in BarStatistics bar)
    {
        double range = bar.High - bar.Low;
        return range > 0 ? part / range : 0;
    }
}
