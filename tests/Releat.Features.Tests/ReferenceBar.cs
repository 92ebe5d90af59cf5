using Releat.MarketData.Model;

namespace Releat.Features.Tests;

/// <summary>
/// A bar's statistics recomputed the slow, obvious way in doubles from the ticks in [from, to): the yardstick the
/// engine's exact incremental arithmetic is checked against.
/// </summary>
internal sealed class ReferenceBar
{
    private const double Pip = 0.0001;

    public ReferenceBar(Tick[] ticks, long fromMs, long toMs, long timeframeMs)
    {
        int first = LowerBound(ticks, fromMs);
        int end = LowerBound(ticks, toMs);
        Ticks = ticks[first..end];
        Previous = first > 0 ? ticks[first - 1] : null;
        LastBefore = end > 0 ? ticks[end - 1] : null;
        Start = fromMs;
        TimeframeMs = timeframeMs;
    }

    public Tick[] Ticks { get; }

    public Tick? Previous { get; }

    /// <summary>The last tick before the bar's end: its close, or the fill-forward price when empty.</summary>
    public Tick? LastBefore { get; }

    public long Start { get; }

    public long TimeframeMs { get; }

    public int Count => Ticks.Length;

    public double Close => LastBefore!.Value.Mid;

    public double Mean => Count == 0 ? Close : Ticks.Average(t => t.Mid);

    public double Min => Count == 0 ? Close : Ticks.Min(t => t.Mid);

    public double Max => Count == 0 ? Close : Ticks.Max(t => t.Mid);

    public double Open => Count == 0 ? Close : Ticks[0].Mid;

    public double MeanSpreadPips => (Count == 0 ? LastBefore!.Value.Spread : Ticks.Average(t => t.Spread)) / Pip;

    public double Share(Func<Tick, bool> predicate) => Count == 0 ? 0 : Ticks.Count(predicate) / (double)Count;

    public double StdDevPips
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }

            double mean = Mean;
            return Math.Sqrt(Ticks.Average(t => (t.Mid - mean) * (t.Mid - mean))) / Pip;
        }
    }

    public double Skew
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }

            double mean = Mean;
            double m2 = Ticks.Average(t => Math.Pow(t.Mid - mean, 2));
            double m3 = Ticks.Average(t => Math.Pow(t.Mid - mean, 3));
            return m2 <= 1e-20 ? 0 : m3 / Math.Pow(m2, 1.5);
        }
    }

    public double VolatilityPips
    {
        get
        {
            double sum = 0;
            double? previous = Previous?.Mid;
            foreach (Tick tick in Ticks)
            {
                if (previous is { } p)
                {
                    sum += (tick.Mid - p) * (tick.Mid - p);
                }

                previous = tick.Mid;
            }

            return Math.Sqrt(sum) / Pip;
        }
    }

    public double SlopePipsPerBar
    {
        get
        {
            if (Count < 2)
            {
                return 0;
            }

            double meanT = Ticks.Average(t => (double)(t.TimeMs - Start));
            double meanX = Mean;
            double sxy = Ticks.Sum(t => (t.TimeMs - Start - meanT) * (t.Mid - meanX));
            double sxx = Ticks.Sum(t => (t.TimeMs - Start - meanT) * (t.TimeMs - Start - meanT));
            return sxx == 0 ? 0 : sxy / sxx * TimeframeMs / Pip;
        }
    }

    private static int LowerBound(Tick[] ticks, long timeMs)
    {
        int lo = 0;
        int hi = ticks.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ticks[mid].TimeMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
