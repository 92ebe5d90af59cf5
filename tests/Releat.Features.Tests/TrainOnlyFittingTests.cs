using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Store;
using Releat.Features.Transforms;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.Features.Tests;

public sealed class TrainOnlyFittingTests
{
    [Fact]
    public async Task Transforms_are_fitted_on_the_training_split_only()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(10);
        TimeRange range = config.RawData.DataRange;
        long trainEnd = config.RawData.Split.Train.EndMs;
        Tick[] calm = SyntheticTicks.Generate(3, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);

        // Same ticks up to the end of training; afterwards moves twenty times larger and spreads five times wider.
        Tick pivot = calm.Last(t => t.TimeMs < trainEnd);
        Tick[] wild = [.. calm.Select(t => t.TimeMs < trainEnd ? t : Exaggerate(t, pivot.Mid))];

        using var folder = new TempDirectory();
        IReadOnlyList<FeatureTransform> calmFit = await Build(config, calm, Path.Combine(folder.Path, "calm"));
        IReadOnlyList<FeatureTransform> wildFit = await Build(config, wild, Path.Combine(folder.Path, "wild"));
        Assert.Equal(calmFit, wildFit);

        // The check can fail: fitting on every row instead would change the parameters.
        AgentConfig everything = config with
        {
            RawData = config.RawData with { Split = new DataSplit(range, new TimeRange(range.EndMs, range.EndMs), new TimeRange(range.EndMs, range.EndMs)) },
        };
        IReadOnlyList<FeatureTransform> wildAll = await Build(everything, wild, Path.Combine(folder.Path, "all"));
        Assert.NotEqual(calmFit, wildAll);
    }

    private static Tick Exaggerate(Tick tick, double pivot)
    {
        double mid = pivot + ((tick.Mid - pivot) * 20);
        double halfSpread = tick.Spread * 5 / 2;
        return tick with { Bid = Math.Round(mid - halfSpread, 5), Ask = Math.Round(mid + halfSpread, 5) };
    }

    private static async Task<IReadOnlyList<FeatureTransform>> Build(AgentConfig config, Tick[] ticks, string root)
    {
        var store = new FileFeatureStore(root);
        DatasetBuildResult result = await new TrainDataBuilder(TestAgents.Registry, store, scratchDirectory: root)
            .BuildAsync(config, [new ArrayTickSource("EURUSD", ticks)]);
        return result.Metadata.Transforms;
    }
}
