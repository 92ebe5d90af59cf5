using System.Security.Cryptography;
using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Leakage;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Features.Transforms;

namespace Releat.Features.Building;

/// <summary>
/// Agent config + market data → training dataset. Three stages: run the batch driver over the data range into a
/// scratch file of raw rows; fit each column's transform on the rows of the training split only; write the
/// transformed rows with their execution ranges and the fitted parameters to the feature store. The feature-builder
/// service and the CLI call this.
/// </summary>
public sealed class TrainDataBuilder
{
    private const int WriteReportEvery = 1 << 16;
    private readonly FeatureRegistry _registry;
    private readonly IFeatureStore _store;
    private readonly BatchOptions _options;
    private readonly string _scratchDirectory;

    public TrainDataBuilder(FeatureRegistry registry, IFeatureStore store, BatchOptions? options = null, string? scratchDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(store);
        _registry = registry;
        _store = store;
        _options = options ?? new BatchOptions();
        _scratchDirectory = scratchDirectory ?? Path.GetTempPath();
    }

    /// <summary>
    /// Builds from the market-data folder (MarketData's tick store, or its candle store for candle agents); the
    /// dataset is named after the agent.
    /// </summary>
    public Task<DatasetBuildResult> BuildFromStoreAsync(
        AgentConfig config, string marketDataRoot, IProgress<BuildProgress>? progress = null, CancellationToken cancellation = default)
    {
        MarketFeed feed = MarketFeed.FromStore(config, marketDataRoot);
        return feed.Ticks is { } ticks
            ? BuildAsync(config, ticks, progress, cancellation)
            : BuildAsync(config, feed.Candles!, progress, cancellation);
    }

    /// <summary>Builds from tick sources given in the config's symbol order; the dataset is named after the agent.</summary>
    public Task<DatasetBuildResult> BuildAsync(
        AgentConfig config, IReadOnlyList<ITickSource> ticks, IProgress<BuildProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(ticks);
        FeaturePlan plan = FeaturePlan.Compile(config, _registry);
        TimeRange range = CoveredRange(config, ticks[0], plan.DecisionStepMs);
        long total = ticks.Sum(s => s.Count(range.StartMs - plan.LookbackMs, range.EndMs));
        return Task.Run(
            () => Build(plan, total, progress, (sink, report) =>
                new BatchFeatureDriver(plan, _options).Run(ticks, range, sink, report, cancellation), cancellation),
            cancellation);
    }

    /// <summary>Builds a candle agent's dataset from candle sources in the config's symbol order.</summary>
    public Task<DatasetBuildResult> BuildAsync(
        AgentConfig config, IReadOnlyList<ICandleSource> candles, IProgress<BuildProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(candles);
        FeaturePlan plan = FeaturePlan.Compile(config, _registry);
        return Task.Run(
            () => Build(plan, 0, progress, (sink, report) =>
                new BatchFeatureDriver(plan, _options).Run(candles, config.RawData.DataRange, sink, report, cancellation), cancellation),
            cancellation);
    }

    /// <summary>
    /// The data range cut at the traded symbol's last tick: past it every bar would be filled forward from stale
    /// prices, decisions the live market never produces and training should not see.
    /// </summary>
    private static TimeRange CoveredRange(AgentConfig config, ITickSource traded, long stepMs)
    {
        TimeRange range = config.RawData.DataRange;

        // A source looks back a bounded time for the last tick (it serves chunk warm-ups), so walk back in steps.
        MarketData.Model.Tick last = default;
        bool found = false;
        for (long before = range.EndMs; !found && before > range.StartMs; before -= 30 * MarketData.Time.UtcTime.MsPerDay)
        {
            found = traded.TryGetLastBefore(before, out last);
        }

        if (!found || last.TimeMs < range.StartMs)
        {
            throw new InvalidOperationException(
                $"no {traded.Symbol} ticks in {config.Id}'s data range ({MarketData.Time.UtcTime.Format(range.StartMs)} to {MarketData.Time.UtcTime.Format(range.EndMs)}): import or generate them first");
        }

        return range with { EndMs = Math.Min(range.EndMs, last.TimeMs + stepMs) };
    }

    private DatasetBuildResult Build(
        FeaturePlan plan, long ticksTotal, IProgress<BuildProgress>? progress,
        Func<IRawRowSink, IProgress<long>, BatchRunSummary> runBatch, CancellationToken cancellation)
    {
        AgentConfig config = plan.Config;
        int width = plan.Layout.Width;
        using var raw = new RawRowFile(_scratchDirectory, width);
        progress?.Report(new BuildProgress(BuildStage.ComputingFeatures, 0, ticksTotal, 0));
        var ticksRead = new SynchronousProgress<long>(n => progress?.Report(new BuildProgress(BuildStage.ComputingFeatures, n, ticksTotal, 0)));
        BatchRunSummary summary = runBatch(raw, ticksRead);
        raw.FinishWriting();

        progress?.Report(new BuildProgress(BuildStage.FittingTransforms, summary.Ticks, ticksTotal, 0));
        ObservationTransform transform = FitTransforms(plan, raw, cancellation);

        progress?.Report(new BuildProgress(BuildStage.WritingDataset, summary.Ticks, ticksTotal, 0));
        var metadata = new DatasetMetadata
        {
            AgentId = config.Id,
            ConfigSha256 = ConfigHash(config.SourceFile),
            TradedSymbol = config.TradedSymbol,
            DecisionStepMs = plan.DecisionStepMs,
            TimeOffsetMs = plan.TimeOffsetMs,
            DataRange = config.RawData.DataRange,
            Train = config.RawData.Split.Train,
            Validation = config.RawData.Split.Validation,
            Test = config.RawData.Split.Test,
            Columns = plan.Layout.Names,
            AgentStateColumns = plan.Layout.AgentStateNames,
            Transforms = transform.Columns,
            TicksRead = summary.Ticks,
        };
        using (IDatasetWriter writer = _store.CreateDataset(config.Id, width))
        {
            float[] rawRow = new float[width];
            float[] observation = new float[width];
            for (long row = 0; row < raw.Rows; row++)
            {
                raw.CopyRaw(row, rawRow);
                transform.Apply(rawRow, observation);
                writer.Append(raw.TimeMs(row), observation, raw.Execution(row));
                if ((row + 1) % WriteReportEvery == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(new BuildProgress(BuildStage.WritingDataset, summary.Ticks, ticksTotal, row + 1));
                }
            }

            writer.Complete(metadata);
        }

        metadata = metadata with { Rows = raw.Rows };
        progress?.Report(new BuildProgress(BuildStage.Done, summary.Ticks, ticksTotal, raw.Rows));
        string? location = _store is FileFeatureStore files ? files.DatasetDirectory(config.Id) : null;
        return new DatasetBuildResult(config.Id, location, metadata);
    }

    /// <summary>Fits every column on the rows of the training split (rows are in time order, so they are one run).</summary>
    private ObservationTransform FitTransforms(FeaturePlan plan, RawRowFile raw, CancellationToken cancellation)
    {
        TimeRange train = plan.Config.RawData.Split.Train;
        long first = LowerBound(raw, train.StartMs);
        long end = LowerBound(raw, train.EndMs);
        IReadOnlyList<ObservationColumn> columns = plan.Layout.Columns;
        if (columns.Any(c => !c.Transform.IsIdentity) && end - first < 2)
        {
            throw new InvalidOperationException(
                $"{plan.Config.SourceFile}: raw_data.split.train {train} holds {end - first} decisions; transforms need training data");
        }

        var fitted = new FeatureTransform[columns.Count];
        Parallel.For(0, columns.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellation }, c =>
        {
            if (columns[c].Transform.IsIdentity)
            {
                fitted[c] = FeatureTransform.Identity(columns[c].Name);
                return;
            }

            float[] values = new float[end - first];
            for (long row = first; row < end; row++)
            {
                values[row - first] = raw.Raw(row, c);
            }

            fitted[c] = TransformFitter.Fit(columns[c].Name, columns[c].Transform, values);
        });
        return new ObservationTransform(fitted);
    }

    private static long LowerBound(RawRowFile raw, long timeMs)
    {
        long lo = 0;
        long hi = raw.Rows;
        while (lo < hi)
        {
            long mid = (lo + hi) >>> 1;
            if (raw.TimeMs(mid) < timeMs)
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

    private static string ConfigHash(string path) =>
        File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "";
}
