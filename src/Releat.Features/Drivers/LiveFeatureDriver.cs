using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.Features.Transforms;
using Releat.MarketData.Model;

namespace Releat.Features.Drivers;

/// <summary>
/// Feeds live ticks into the feature engine one at a time and emits the transformed observation at each decision
/// time. A decision closes when the first tick at or after it arrives, or when <see cref="AdvanceClock"/> says
/// the time has passed (quiet markets); a tick stamped before an already closed decision is dropped and counted
/// in <see cref="LateTicks"/>. Per tick it allocates nothing.
/// </summary>
public sealed class LiveFeatureDriver
{
    private readonly FeatureEngine _engine;
    private readonly ObservationTransform _transform;
    private readonly float[] _raw;
    private readonly float[] _observation;

    public LiveFeatureDriver(FeaturePlan plan, ObservationTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _engine = new FeatureEngine(plan);
        _transform = transform ?? ObservationTransform.Identity(plan.Layout);
        if (_transform.Width != plan.Layout.Width)
        {
            throw new ArgumentException($"the transform has {_transform.Width} columns, the plan {plan.Layout.Width}", nameof(transform));
        }

        _raw = new float[plan.Layout.Width];
        _observation = new float[plan.Layout.Width];
    }

    /// <summary>
    /// A live driver that applies the transforms fitted for a dataset, after checking the dataset was built with
    /// the same observation layout (a model trained on other columns must not trade on these).
    /// </summary>
    public static LiveFeatureDriver ForDataset(FeaturePlan plan, DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(dataset);
        if (!plan.Layout.Names.SequenceEqual(dataset.Columns) || plan.DecisionStepMs != dataset.DecisionStepMs || plan.TimeOffsetMs != dataset.TimeOffsetMs)
        {
            int column = plan.Layout.Names.Zip(dataset.Columns).TakeWhile(p => p.First == p.Second).Count();
            throw new FeaturePlanException(
                $"{plan.Config.SourceFile}: the observation differs from the dataset of {dataset.AgentId} (first difference at column {column}, " +
                $"or the decision grid); rebuild the dataset and retrain");
        }

        return new LiveFeatureDriver(plan, new ObservationTransform(dataset.Transforms));
    }

    public FeaturePlan Plan => _engine.Plan;

    /// <summary>Invoked synchronously for every emitted observation, before <see cref="OnTick(in Tick)"/> returns.</summary>
    public ObservationHandler? ObservationReady { get; set; }

    public bool HasObservation { get; private set; }

    public long LatestDecisionTimeMs { get; private set; }

    /// <summary>The most recent transformed observation (valid until the next one).</summary>
    public ReadOnlySpan<float> LatestObservation => _observation;

    public ReadOnlySpan<float> LatestRawObservation => _raw;

    public long LateTicks => _engine.LateTicks;

    public bool IsWarm => _engine.IsWarm;

    public int OnTick(in Tick tick) => OnTick(0, tick);

    /// <summary>Adds a tick of symbol <paramref name="symbol"/> (plan order); returns how many observations it released.</summary>
    public int OnTick(int symbol, in Tick tick)
    {
        int emitted = Advance(tick.TimeMs);
        _engine.AddTick(symbol, tick);
        return emitted;
    }

    /// <summary>Adds a completed candle (candle agents); call <see cref="AdvanceClock"/> at its close time too.</summary>
    public int OnCandle(int symbol, in Candle candle, long spreadPoints)
    {
        int emitted = Advance(candle.TimeMs);
        _engine.AddCandle(symbol, candle, spreadPoints);
        return emitted;
    }

    /// <summary>Closes every decision at or before <paramref name="nowMs"/>; returns how many observations that released.</summary>
    public int AdvanceClock(long nowMs) => Advance(nowMs);

    private int Advance(long timeMs)
    {
        if (!_engine.IsStarted)
        {
            return 0;
        }

        int emitted = 0;
        while (timeMs >= _engine.NextDecisionTimeMs)
        {
            long decisionTime = _engine.NextDecisionTimeMs;
            if (_engine.CloseDecision(_raw))
            {
                _transform.Apply(_raw, _observation);
                LatestDecisionTimeMs = decisionTime;
                HasObservation = true;
                emitted++;
                ObservationReady?.Invoke(decisionTime, _observation);
            }
        }

        return emitted;
    }
}
