using Releat.Features.Engine;
using Releat.MarketData.Model;

namespace Releat.Features.Drivers;

/// <summary>The candle counterpart of <see cref="TickChunkRunner"/>: the same engine fed whole candles.</summary>
internal sealed class CandleChunkRunner
{
    private readonly FeaturePlan _plan;
    private readonly FeatureEngine _engine;
    private readonly CandleQuotes[] _quotes;
    private readonly ExecutionWindowTracker _execution = new();
    private readonly float[] _raw;
    private readonly RawRowBlock _block;
    private readonly ChunkBounds _bounds;
    private int _pendingRow = -1;

    public CandleChunkRunner(FeaturePlan plan, ChunkBounds bounds)
    {
        Agents.Config.CandleSourceConfig config = plan.Config.RawData.Candles
            ?? throw new FeaturePlanException($"{plan.Config.SourceFile}: raw_data.candles is required for a candle agent");
        _plan = plan;
        _engine = new FeatureEngine(plan);
        _quotes = [.. plan.Scales.Select(scale => new CandleQuotes(config, scale))];
        _raw = new float[plan.Layout.Width];
        _block = new RawRowBlock(plan.Layout.Width);
        _bounds = bounds;
    }

    public RawRowBlock Run(IReadOnlyList<ICandleSource> sources, CancellationToken cancellation)
    {
        var events = new List<(Candle Candle, int Symbol)>();
        for (int s = 0; s < sources.Count; s++)
        {
            if (sources[s].TryGetLastBefore(_bounds.WarmupStart, out Candle seed))
            {
                events.Add((seed, s));
            }

            events.AddRange(sources[s].Read(_bounds.WarmupStart, _bounds.End).Select(c => (c, s)));
        }

        foreach ((Candle candle, int symbol) in events.OrderBy(e => e.Candle.TimeMs).ThenBy(e => e.Symbol))
        {
            cancellation.ThrowIfCancellationRequested();
            while (candle.TimeMs >= _engine.NextDecisionTimeMs)
            {
                CloseDecision();
            }

            _engine.AddCandle(symbol, candle, _quotes[symbol].SpreadPoints(candle));
            if (symbol == 0)
            {
                _quotes[0].Track(candle, _execution);
            }

            _block.Ticks++;
        }

        if (_engine.IsStarted)
        {
            while (_engine.NextDecisionTimeMs <= _bounds.End)
            {
                CloseDecision();
            }
        }

        return _block;
    }

    private void CloseDecision()
    {
        long decisionTime = _engine.NextDecisionTimeMs;
        ExecutionRange window = _execution.TakeStep();
        if (_pendingRow >= 0)
        {
            _block.SetExecution(_pendingRow, window);
            _pendingRow = -1;
        }

        if (_engine.CloseDecision(_raw) && _bounds.Emits(decisionTime) && _plan.Layout.Width > 0)
        {
            _block.Add(decisionTime, _raw);
            _pendingRow = _block.Count - 1;
        }
    }
}
