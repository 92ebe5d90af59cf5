using Releat.Agents.Config;
using Releat.Features.Engine;

namespace Releat.Features.Drivers;

/// <summary>
/// Builds raw observations for a whole time range from recorded data (training datasets). The range is cut into
/// chunks on the decision grid; each chunk runs its own <see cref="FeatureEngine"/> re-warmed from the ticks
/// before it, and since the engine's windows are exact functions of the ticks inside them, the result does not
/// depend on the chunking or the parallelism: it equals a single run, and a live replay, bit for bit.
/// </summary>
public sealed class BatchFeatureDriver
{
    private readonly FeaturePlan _plan;
    private readonly BatchOptions _options;

    public BatchFeatureDriver(FeaturePlan plan, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _options = options ?? new BatchOptions();
        if (_options.MaxParallelism < 1 || _options.ChunkLength <= TimeSpan.Zero)
        {
            throw new ArgumentException("batch options need a positive chunk length and parallelism", nameof(options));
        }
    }

    /// <summary>
    /// Emits every decision in <paramref name="range"/> (market open, engine warm) to <paramref name="sink"/>, in
    /// time order. <paramref name="ticksDone"/> receives the running count of ticks read. Sources are in the plan's
    /// symbol order (the first is the traded symbol).
    /// </summary>
    public BatchRunSummary Run(
        IReadOnlyList<ITickSource> sources, TimeRange range, IRawRowSink sink,
        IProgress<long>? ticksDone = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sink);
        if (sources.Count != _plan.Symbols.Count)
        {
            throw new ArgumentException($"{sources.Count} tick sources for {_plan.Symbols.Count} symbols ({string.Join(", ", _plan.Symbols)})", nameof(sources));
        }

        return RunChunks(range, sink, ticksDone, bounds => new TickChunkRunner(_plan, bounds).Run(sources, cancellation), cancellation);
    }

    /// <summary>The same for candle agents, from candle sources in the plan's symbol order.</summary>
    public BatchRunSummary Run(
        IReadOnlyList<ICandleSource> sources, TimeRange range, IRawRowSink sink,
        IProgress<long>? candlesDone = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sink);
        if (sources.Count != _plan.Symbols.Count)
        {
            throw new ArgumentException($"{sources.Count} candle sources for {_plan.Symbols.Count} symbols", nameof(sources));
        }

        return RunChunks(range, sink, candlesDone, bounds => new CandleChunkRunner(_plan, bounds).Run(sources, cancellation), cancellation);
    }

    private BatchRunSummary RunChunks(
        TimeRange range, IRawRowSink sink, IProgress<long>? progress, Func<ChunkBounds, RawRowBlock> runChunk,
        CancellationToken cancellation)
    {
        List<ChunkBounds> chunks = Chunks(range);
        long ticks = 0;
        long rows = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellation };
        for (int wave = 0; wave < chunks.Count; wave += _options.MaxParallelism)
        {
            // A wave at a time keeps memory bounded while writing the blocks strictly in time order.
            int count = Math.Min(_options.MaxParallelism, chunks.Count - wave);
            var blocks = new RawRowBlock[count];
            Parallel.For(0, count, parallel, i => blocks[i] = runChunk(chunks[wave + i]));
            foreach (RawRowBlock block in blocks)
            {
                block.WriteTo(sink);
                ticks += block.Ticks;
                rows += block.Count;
            }

            progress?.Report(ticks);
        }

        return new BatchRunSummary(ticks, rows);
    }

    private List<ChunkBounds> Chunks(TimeRange range)
    {
        long step = _plan.DecisionStepMs;
        long first = _plan.DecisionTimeAtOrAfter(range.StartMs);
        long last = _plan.DecisionTimeAtOrAfter(range.EndMs);
        long chunkSteps = Math.Max(1, (long)_options.ChunkLength.TotalMilliseconds / step);
        var chunks = new List<ChunkBounds>();
        for (long start = first; start < last; start += chunkSteps * step)
        {
            long end = Math.Min(last, start + (chunkSteps * step));
            chunks.Add(new ChunkBounds(start - _plan.LookbackMs - step, start, end, range.EndMs));
        }

        return chunks;
    }
}
