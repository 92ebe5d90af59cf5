using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Features.Store;

namespace Releat.Training.Runs;

/// <summary>
/// Opens an agent's dataset from the feature store under RELEAT_HOME, building it from the market data there first
/// when it is missing or was built for another layout (other columns, decision grid, range or split). A walk-forward
/// fold keeps its dataset (fitted on the fold's own training window) in a store of its own: <c>datasetRoot</c>.
/// </summary>
public static class AgentDataset
{
    public static async Task<IDataset> OpenOrBuildAsync(
        AgentConfig config, FeatureRegistry registry, string home, IProgress<BuildProgress>? progress, CancellationToken cancellation,
        string? datasetRoot = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var store = new FileFeatureStore(datasetRoot ?? home);
        FeaturePlan plan = FeaturePlan.Compile(config, registry);
        if (store.HasDataset(config.Id))
        {
            IDataset existing = store.OpenDataset(config.Id);
            if (Matches(existing.Metadata, config, plan))
            {
                return existing;
            }

            existing.Dispose();
        }

        await new TrainDataBuilder(registry, store, scratchDirectory: datasetRoot ?? home)
            .BuildFromStoreAsync(config, home, progress, cancellation).ConfigureAwait(false);
        return store.OpenDataset(config.Id);
    }

    /// <summary>Whether a dataset has the layout and dates this config asks for (its fitted transforms are data, not layout).</summary>
    public static bool Matches(DatasetMetadata metadata, AgentConfig config, FeaturePlan plan)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plan);
        return metadata.Columns.SequenceEqual(plan.Layout.Names, StringComparer.Ordinal)
            && metadata.AgentStateColumns.SequenceEqual(plan.Layout.AgentStateNames, StringComparer.Ordinal)
            && metadata.DecisionStepMs == config.RawData.DecisionStepMs
            && metadata.TimeOffsetMs == config.RawData.TimeOffsetMs
            && metadata.DataRange == config.RawData.DataRange
            && metadata.Train == config.RawData.Split.Train
            && metadata.Validation == config.RawData.Split.Validation
            && metadata.Test == config.RawData.Split.Test
            && string.Equals(metadata.TradedSymbol, config.TradedSymbol, StringComparison.Ordinal);
    }
}
