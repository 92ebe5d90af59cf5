namespace Releat.Features.Bars;

/// <summary>
/// The rolling bar of one group: the last <c>m</c> decision steps of its symbol (timeframe = m steps). Each step
/// close slides it by one step in O(1): exact integer sums are added and subtracted, monotonic deques keep the
/// extremes, a queue keeps the first and last non-empty steps. Because every sum is an exact integer, the window's
/// content after a slide is a pure function of the ticks inside it; that is what makes a chunked batch build and a
/// tick-by-tick live run agree bit for bit.
/// </summary>
internal sealed class BarWindow
{
    private readonly int _steps;
    private readonly long _stepMs;
    private readonly MonotonicDeque _lows;
    private readonly MonotonicDeque _highs;
    private readonly StepQueue _nonEmpty;
    private StepSums _sums;
    private long _firstAdded = long.MaxValue;

    public BarWindow(int steps, long stepMs)
    {
        _steps = steps;
        _stepMs = stepMs;
        _lows = new MonotonicDeque(steps + 1, keepMaximum: false);
        _highs = new MonotonicDeque(steps + 1, keepMaximum: true);
        _nonEmpty = new StepQueue(steps + 1);
    }

    public long TimeframeMs => _steps * _stepMs;

    /// <summary>Takes step <paramref name="stepIndex"/> in and lets step (index - m) out; time origin = window start.</summary>
    public void Slide(long stepIndex, StepHistory history)
    {
        if (_firstAdded == long.MaxValue)
        {
            _firstAdded = stepIndex;
        }

        _sums.MoveOrigin(_stepMs);
        long leaving = stepIndex - _steps;
        if (leaving >= _firstAdded)
        {
            ref readonly StepSummary old = ref history[leaving];
            if (!old.IsEmpty)
            {
                _sums.Subtract(old.Sums, -_stepMs);
            }
        }

        _lows.Expire(leaving);
        _highs.Expire(leaving);
        _nonEmpty.Expire(leaving);
        ref readonly StepSummary step = ref history[stepIndex];
        if (!step.IsEmpty)
        {
            _sums.Add(step.Sums, (_steps - 1) * _stepMs);
            _lows.Push(stepIndex, step.Low);
            _highs.Push(stepIndex, step.High);
            _nonEmpty.Push(stepIndex);
        }
    }

    public BarStatistics Evaluate(StepHistory history, StepAccumulator symbol, bool skewness)
    {
        PriceScale scale = symbol.Scale;
        long n = _sums.Count;
        if (n == 0)
        {
            double last = scale.HalfPointsToPrice(symbol.LastX);
            return new BarStatistics
            {
                Open = last,
                High = last,
                Low = last,
                Close = last,
                Mean = last,
                MeanSpreadPips = scale.PointsToPips(symbol.LastSpread),
            };
        }

        Int128 spreadOfX = ExactMoments.ScaledVariance(_sums);
        double n1 = n;
        return new BarStatistics
        {
            TickCount = n,
            Open = scale.HalfPointsToPrice(history[_nonEmpty.First].Open),
            High = scale.HalfPointsToPrice(_highs.Extreme),
            Low = scale.HalfPointsToPrice(_lows.Extreme),
            Close = scale.HalfPointsToPrice(history[_nonEmpty.Last].Close),
            Mean = scale.HalfPointsToPrice(_sums.SumX / n1),
            MeanSpreadPips = scale.PointsToPips(_sums.SumSpread / n1),
            StdDevPips = scale.HalfPointsToPips(Math.Sqrt((double)spreadOfX) / n1),
            Skewness = skewness ? ExactMoments.Skewness(_sums, spreadOfX) : 0,
            RealisedVolatilityPips = scale.HalfPointsToPips(Math.Sqrt(_sums.SumSquaredMoves)),
            SlopePipsPerBar = scale.HalfPointsToPips(ExactMoments.Slope(_sums) * TimeframeMs),
            BuyRatio = _sums.BuyCount / n1,
            SellRatio = _sums.SellCount / n1,
            BidOnlyRatio = _sums.BidOnlyCount / n1,
            AskOnlyRatio = _sums.AskOnlyCount / n1,
        };
    }
}
