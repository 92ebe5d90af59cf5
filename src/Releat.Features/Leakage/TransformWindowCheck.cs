using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.Features.Transforms;

namespace Releat.Features.Leakage;

/// <summary>
/// Did every fitted transform see only its training window? The raw observations of the training window alone are
/// computed again from the market data (the batch driver gives the same rows whatever range it runs over) and each
/// column's transform is fitted on them afresh: the dataset's fitted parameters must be exactly those. A transform
/// fitted on more (validation or test rows, the whole range) has other percentiles, means and lambdas.
/// </summary>
public static class TransformWindowCheck
{
    /// <summary>The columns whose stored transform is not the one the training window alone gives, with why.</summary>
    public static IReadOnlyList<string> Run(FeaturePlan plan, MarketFeed feed, DatasetMetadata metadata, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(metadata);
        TimeRange train = metadata.Train;
        IReadOnlyList<ObservationColumn> columns = plan.Layout.Columns;
        if (metadata.Transforms.Count != columns.Count)
        {
            return [$"the dataset holds {metadata.Transforms.Count} fitted transforms for {columns.Count} columns"];
        }

        var sink = new ColumnValues(columns.Count);
        feed.Run(new BatchFeatureDriver(plan), train, sink, cancellation);
        var problems = new List<string>();
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c].Transform.IsIdentity)
            {
                continue;
            }

            FeatureTransform refit = TransformFitter.Fit(columns[c].Name, columns[c].Transform, sink.Values[c].ToArray());
            if (refit != metadata.Transforms[c])
            {
                problems.Add($"{columns[c].Name}: fitted {metadata.Transforms[c]}, but the training window {train} alone ({sink.Values[c].Count} rows) gives {refit}");
            }
        }

        return problems;
    }

    private sealed class ColumnValues(int width) : IRawRowSink
    {
        public List<float>[] Values { get; } = [.. Enumerable.Range(0, width).Select(_ => new List<float>())];

        public void Append(long decisionTimeMs, ReadOnlySpan<float> rawObservation, in ExecutionRange execution)
        {
            for (int c = 0; c < Values.Length; c++)
            {
                Values[c].Add(rawObservation[c]);
            }
        }
    }
}
