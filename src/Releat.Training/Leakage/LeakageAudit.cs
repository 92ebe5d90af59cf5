using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.Features.Leakage;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Numerics;
using Releat.Training.Runs;

namespace Releat.Training.Leakage;

/// <summary>
/// `releat check-leakage`: the agent's features at seeded sampled decision times must not change when every tick
/// after the decision is perturbed (<see cref="LookAheadCheck"/>), and every fitted transform of its dataset must be
/// the one its training window alone gives (<see cref="TransformWindowCheck"/>).
/// </summary>
public static class LeakageAudit
{
    public const int DefaultSamples = 25;

    /// <param name="watch">Given the look-ahead check before it runs (a test subscribes to what the engine is fed).</param>
    /// <param name="datasetRoot">Where the dataset lives when not in the home's store (a walk-forward fold's own).</param>
    public static async Task<LeakageAuditResult> RunAsync(
        AgentConfig config, FeatureRegistry registry, string home, int samples, ulong seed,
        Action<LookAheadCheck>? watch = null, string? datasetRoot = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        FeaturePlan plan = FeaturePlan.Compile(config, registry);
        MarketFeed feed = MarketFeed.FromStore(config, home);
        using IDataset dataset = await AgentDataset.OpenOrBuildAsync(config, registry, home, null, cancellation, datasetRoot).ConfigureAwait(false);
        long[] times = SampleTimes(dataset, samples, seed);
        DatasetMetadata metadata = dataset.Metadata;

        return await Task.Run(
            () =>
            {
                var check = new LookAheadCheck(plan, feed);
                watch?.Invoke(check);
                LookAheadReport lookAhead = check.Run(times, seed, cancellation);
                IReadOnlyList<string> transforms = TransformWindowCheck.Run(plan, feed, metadata, cancellation);
                return new LeakageAuditResult(
                    config.Id, lookAhead, transforms, metadata.Train, plan.Layout.Width, plan.Layout.Columns.Count(c => !c.Transform.IsIdentity));
            },
            cancellation).ConfigureAwait(false);
    }

    /// <summary>Distinct decision times of the dataset drawn uniformly (seeded), in time order.</summary>
    public static long[] SampleTimes(IDataset dataset, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var random = new SeededRandom(seed);
        var rows = new SortedSet<int>();
        int count = dataset.Count;
        while (rows.Count < Math.Min(samples, count))
        {
            rows.Add(random.NextInt(count));
        }

        return [.. rows.Select(r => dataset.TimeMs(r))];
    }
}
