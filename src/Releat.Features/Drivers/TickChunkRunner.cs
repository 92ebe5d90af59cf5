using Releat.Features.Engine;
using Releat.MarketData.Model;

namespace Releat.Features.Drivers;

/// <summary>
/// Runs the feature engine over one chunk of ticks. The per-tick code is the engine's own (the same the live
/// driver runs); this class only decides which ticks to feed and which decisions to keep, and records the traded
/// symbol's execution range after each kept decision.
/// </summary>
internal sealed class TickChunkRunner
{
    private const int BatchSize = 4096;
    private readonly FeatureEngine _engine;
    private readonly ExecutionWindowTracker _execution = new();
    private readonly float[] _raw;
    private readonly RawRowBlock _block;
    private readonly ChunkBounds _bounds;
    private int _pendingRow = -1;

    public TickChunkRunner(FeaturePlan plan, ChunkBounds bounds)
    {
        _engine = new FeatureEngine(plan);
        _raw = new float[plan.Layout.Width];
        _block = new RawRowBlock(plan.Layout.Width);
        _bounds = bounds;
    }

    public RawRowBlock Run(IReadOnlyList<ITickSource> sources, CancellationToken cancellation)
    {
        Seed(sources);
        var ticks = new Tick[BatchSize];
        var symbols = new int[BatchSize];
        using var merger = new TickMerger([.. sources.Select(s => s.Open(_bounds.WarmupStart, _bounds.End))]);
        int n;
        while ((n = merger.Read(ticks, symbols)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int i = 0; i < n; i++)
            {
                Feed(symbols[i], ticks[i]);
            }

            _block.Ticks += n;
        }

        if (_engine.IsStarted)
        {
            // Close through End itself: the step ending there is the execution window of the last kept decision.
            while (_engine.NextDecisionTimeMs <= _bounds.End)
            {
                CloseDecision();
            }
        }

        return _block;
    }

    /// <summary>The last tick of each symbol before the warm-up: the price in force when the history opens.</summary>
    private void Seed(IReadOnlyList<ITickSource> sources)
    {
        var seeds = new List<(Tick Tick, int Symbol)>();
        for (int s = 0; s < sources.Count; s++)
        {
            if (sources[s].TryGetLastBefore(_bounds.WarmupStart, out Tick tick))
            {
                seeds.Add((tick, s));
            }
        }

        foreach ((Tick tick, int symbol) in seeds.OrderBy(x => x.Tick.TimeMs).ThenBy(x => x.Symbol))
        {
            Feed(symbol, tick);
        }
    }

    private void Feed(int symbol, in Tick tick)
    {
        while (tick.TimeMs >= _engine.NextDecisionTimeMs)
        {
            CloseDecision();
        }

        _engine.AddTick(symbol, tick);
        if (symbol == 0)
        {
            _execution.AddQuote(tick.Bid, tick.Ask);
        }
    }

    private void CloseDecision()
    {
        long decisionTime = _engine.NextDecisionTimeMs;

        // The step ending now is the execution window of the decision one step ago.
        ExecutionRange window = _execution.TakeStep();
        if (_pendingRow >= 0)
        {
            _block.SetExecution(_pendingRow, window);
            _pendingRow = -1;
        }

        if (_engine.CloseDecision(_raw) && _bounds.Emits(decisionTime))
        {
            _block.Add(decisionTime, _raw);
            _pendingRow = _block.Count - 1;
        }
    }
}
