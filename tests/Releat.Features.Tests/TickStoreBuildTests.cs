using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.Features.Tests;

public sealed class TickStoreBuildTests
{
    [Fact]
    public async Task Building_from_the_tick_store_gives_the_same_dataset_as_from_memory()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(6);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(13, range.StartMs - (3 * UtcTime.MsPerDay), range.EndMs + UtcTime.MsPerDay);
        using var folder = new TempDirectory();
        string market = Path.Combine(folder.Path, "market");
        using (TickWriter writer = new TickStore(market).OpenWriter("EURUSD"))
        {
            foreach (Tick tick in ticks)
            {
                writer.Append(tick);
            }

            writer.Flush();
        }

        var fromStore = new FileFeatureStore(Path.Combine(folder.Path, "a"));
        var fromMemory = new FileFeatureStore(Path.Combine(folder.Path, "b"));
        var progress = new List<BuildProgress>();
        await new TrainDataBuilder(TestAgents.Registry, fromStore, scratchDirectory: folder.Path)
            .BuildFromStoreAsync(config, market, new InlineProgress(progress.Add));
        await new TrainDataBuilder(TestAgents.Registry, fromMemory, scratchDirectory: folder.Path)
            .BuildAsync(config, [new ArrayTickSource("EURUSD", ticks)]);

        using IDataset a = fromStore.OpenDataset(config.Id);
        using IDataset b = fromMemory.OpenDataset(config.Id);
        Assert.Equal(b.Count, a.Count);
        for (int row = 0; row < a.Count; row++)
        {
            Assert.Equal(b.TimeMs(row), a.TimeMs(row));
            Assert.True(a.Observation(row).SequenceEqual(b.Observation(row)), $"row {row}");
            Assert.Equal(b.Execution(row), a.Execution(row));
        }

        Assert.Equal(BuildStage.Done, progress[^1].Stage);
        Assert.Equal(a.Count, progress[^1].ObservationsWritten);
        Assert.Contains(progress, p => p.Stage == BuildStage.FittingTransforms);
        Assert.True(progress[^1].TicksTotal > 0);
    }

    [Fact]
    public async Task A_live_driver_refuses_a_dataset_with_another_layout()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(3);
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        Tick[] ticks = SyntheticTicks.Generate(13, config.RawData.DataRange.StartMs - UtcTime.MsPerDay, config.RawData.DataRange.EndMs);
        DatasetBuildResult built = await new TrainDataBuilder(TestAgents.Registry, store, scratchDirectory: folder.Path)
            .BuildAsync(config, [new ArrayTickSource("EURUSD", ticks)]);

        LiveFeatureDriver.ForDataset(FeaturePlan.Compile(config, TestAgents.Registry), built.Metadata);
        AgentConfig changed = config with { Features = [config.Features[1], config.Features[0], config.Features[2]] };
        var error = Assert.Throws<FeaturePlanException>(() => LiveFeatureDriver.ForDataset(FeaturePlan.Compile(changed, TestAgents.Registry), built.Metadata));
        Assert.Contains("column 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_build_stops_and_leaves_no_dataset()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(20);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(17, range.StartMs - UtcTime.MsPerDay, range.EndMs);
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        using var cancellation = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.TicksProcessed > 0)
            {
                cancellation.Cancel();
            }
        });

        var builder = new TrainDataBuilder(TestAgents.Registry, store, new BatchOptions { ChunkLength = TimeSpan.FromDays(1), MaxParallelism = 1 }, folder.Path);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => builder.BuildAsync(config, [new ArrayTickSource("EURUSD", ticks)], progress, cancellation.Token));
        Assert.False(store.HasDataset(config.Id));
        Assert.Empty(Directory.GetFiles(folder.Path, "releat-raw-*"));
    }

    private sealed class InlineProgress(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}
