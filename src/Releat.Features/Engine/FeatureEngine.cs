using Releat.Features.Bars;
using Releat.Features.Registry;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.Features.Engine;

/// <summary>
/// The one feature engine. Ticks go into the current decision step (<see cref="AddTick"/>, O(1), no allocation);
/// at each decision time the driver calls <see cref="CloseDecision"/>, which slides every group's rolling bar by
/// one step (O(1) per group) and, when the market is open and enough history has been seen, writes the raw
/// observation. The batch and live drivers differ only in how ticks reach these two methods, so they produce the
/// same floats bit for bit.
/// </summary>
public sealed class FeatureEngine
{
    private readonly StepAccumulator[] _symbols;
    private readonly StepHistory[] _histories;

    // The plan's groups and features as arrays: the per-decision loops must not enumerate interfaces (that boxes).
    private readonly BarGroupPlan[] _barGroups;
    private readonly IBarFeature[][] _barFeatures;
    private readonly TimeGroupPlan[] _timeGroups;
    private readonly ITimeFeature[][] _timeFeatures;
    private readonly BarWindow[] _windows;
    private readonly BarStatistics[][] _latestBars;
    private readonly bool[] _skewness;
    private readonly long _stepMs;
    private long _stepIndex;
    private long _warmFromStep = long.MaxValue;
    private int _symbolsWithPrice;

    public FeatureEngine(FeaturePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        _stepMs = plan.DecisionStepMs;
        int symbolCount = plan.Symbols.Count;
        _symbols = new StepAccumulator[symbolCount];
        _histories = new StepHistory[symbolCount];
        for (int s = 0; s < symbolCount; s++)
        {
            bool third = plan.BarGroups.Any(g => g.Symbol == s && g.Features.Any(f => f.NeedsSkewness));
            _symbols[s] = new StepAccumulator(plan.Scales[s], third);

            // A window of m steps needs the step leaving it as well, hence m + 1.
            int longest = plan.BarGroups.Where(g => g.Symbol == s).Select(g => g.StepsPerBar).DefaultIfEmpty(1).Max();
            _histories[s] = new StepHistory(longest + 1);
        }

        _barGroups = [.. plan.BarGroups];
        _barFeatures = [.. plan.BarGroups.Select(g => g.Features.ToArray())];
        _timeGroups = [.. plan.TimeGroups];
        _timeFeatures = [.. plan.TimeGroups.Select(g => g.Features.ToArray())];
        _windows = [.. plan.BarGroups.Select(g => new BarWindow(g.StepsPerBar, plan.DecisionStepMs))];
        _latestBars = [.. plan.BarGroups.Select(g => new BarStatistics[((g.Lags - 1) * g.StepsPerBar) + 1])];
        _skewness = [.. plan.BarGroups.Select(g => g.Features.Any(f => f.NeedsSkewness))];
    }

    public FeaturePlan Plan { get; }

    public bool IsStarted { get; private set; }

    /// <summary>The decision time that closes the current step; ticks at or after it belong to a later step.</summary>
    public long NextDecisionTimeMs { get; private set; } = long.MaxValue;

    public long CurrentStepStartMs { get; private set; } = long.MaxValue;

    /// <summary>Ticks older than the current step (arrived after their decision was closed); they are dropped.</summary>
    public long LateTicks { get; private set; }

    /// <summary>True once every symbol has a price and the oldest lag of every group lies after the first one.</summary>
    public bool IsWarm => _stepIndex - _warmFromStep > Plan.WarmupSteps;

    /// <summary>Places the engine on the decision grid at the step containing <paramref name="timeMs"/>.</summary>
    public void Start(long timeMs)
    {
        if (IsStarted)
        {
            throw new InvalidOperationException("the feature engine has already started");
        }

        _stepIndex = Plan.StepIndexOf(timeMs);
        NextDecisionTimeMs = Plan.DecisionTime(_stepIndex);
        CurrentStepStartMs = NextDecisionTimeMs - _stepMs;
        IsStarted = true;
    }

    public void AddTick(int symbol, in Tick tick)
    {
        if (!IsStarted)
        {
            Start(tick.TimeMs);
        }

        if (tick.TimeMs >= NextDecisionTimeMs)
        {
            ThrowPastDecision("tick", tick.TimeMs);
        }

        long stepStart = CurrentStepStartMs;
        if (tick.TimeMs < stepStart)
        {
            LateTicks++;
            return;
        }

        StepAccumulator accumulator = _symbols[symbol];
        if (!accumulator.HasPrice)
        {
            NotePrice();
        }

        accumulator.AddTick(tick, stepStart);
    }

    /// <summary>Adds a candle that lies inside the current step (candle agents; see <see cref="StepAccumulator.AddCandle"/>).</summary>
    public void AddCandle(int symbol, in Candle candle, long spreadPoints)
    {
        if (!IsStarted)
        {
            Start(candle.TimeMs);
        }

        if (candle.TimeMs >= NextDecisionTimeMs)
        {
            ThrowPastDecision("candle", candle.TimeMs);
        }

        long stepStart = CurrentStepStartMs;
        if (candle.TimeMs < stepStart)
        {
            LateTicks++;
            return;
        }

        StepAccumulator accumulator = _symbols[symbol];
        if (!accumulator.HasPrice)
        {
            NotePrice();
        }

        accumulator.AddCandle(candle, stepStart, spreadPoints);
    }

    /// <summary>
    /// Closes the step ending at <see cref="NextDecisionTimeMs"/>. Returns true when that decision time has an
    /// observation (market open, engine warm) and writes its raw values to <paramref name="rawObservation"/>.
    /// </summary>
    public bool CloseDecision(Span<float> rawObservation)
    {
        if (!IsStarted)
        {
            throw new InvalidOperationException("the feature engine has not started: add a tick or call Start first");
        }

        long decisionTime = NextDecisionTimeMs;
        long closing = _stepIndex;
        for (int s = 0; s < _symbols.Length; s++)
        {
            _symbols[s].CloseStep(out StepSummary finished);
            _histories[s].Store(closing, finished);
        }

        for (int g = 0; g < _windows.Length; g++)
        {
            int symbol = _barGroups[g].Symbol;
            _windows[g].Slide(closing, _histories[symbol]);
            BarStatistics[] ring = _latestBars[g];
            ring[RingSlot(closing, ring.Length)] = _windows[g].Evaluate(_histories[symbol], _symbols[symbol], _skewness[g]);
        }

        _stepIndex++;
        CurrentStepStartMs = decisionTime;
        NextDecisionTimeMs = decisionTime + _stepMs;
        if (!IsWarm || !Plan.Calendar.IsOpen(decisionTime))
        {
            return false;
        }

        WriteObservation(closing, decisionTime, rawObservation);
        return true;
    }

    private void ThrowPastDecision(string what, long timeMs) =>
        throw new InvalidOperationException(
            $"{what} at {UtcTime.Format(timeMs)} is past the open decision {UtcTime.Format(NextDecisionTimeMs)}: close it first");

    private void NotePrice()
    {
        _symbolsWithPrice++;
        if (_symbolsWithPrice == _symbols.Length)
        {
            // Bars from the step of the first price on may still miss ticks that came before it; start after it.
            _warmFromStep = _stepIndex;
        }
    }

    private void WriteObservation(long closing, long decisionTime, Span<float> destination)
    {
        bool zeroEmpty = Plan.EmptyBars == Agents.Config.EmptyBarFill.Zero;
        for (int g = 0; g < _barGroups.Length; g++)
        {
            BarGroupPlan group = _barGroups[g];
            IBarFeature[] features = _barFeatures[g];
            BarStatistics[] ring = _latestBars[g];
            PriceScale scale = Plan.Scales[group.Symbol];
            ref readonly BarStatistics latest = ref ring[RingSlot(closing, ring.Length)];
            int column = group.Offset;
            for (int lag = 0; lag < group.Lags; lag++)
            {
                ref readonly BarStatistics bar = ref ring[RingSlot(closing - ((long)lag * group.StepsPerBar), ring.Length)];
                bool zero = zeroEmpty && bar.IsEmpty;
                for (int f = 0; f < features.Length; f++)
                {
                    destination[column++] = zero ? 0f : (float)features[f].Compute(bar, latest, scale);
                }
            }
        }

        for (int g = 0; g < _timeGroups.Length; g++)
        {
            int column = _timeGroups[g].Offset;
            ITimeFeature[] features = _timeFeatures[g];
            for (int f = 0; f < features.Length; f++)
            {
                int width = features[f].Outputs.Count;
                features[f].Compute(decisionTime, destination.Slice(column, width));
                column += width;
            }
        }
    }

    private static int RingSlot(long index, int length) => (int)(((index % length) + length) % length);
}
