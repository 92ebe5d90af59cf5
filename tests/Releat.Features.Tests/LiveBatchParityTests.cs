using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.Features.Transforms;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Xunit.Abstractions;

namespace Releat.Features.Tests;

public sealed class LiveBatchParityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_month_of_ticks_replayed_live_gives_the_built_dataset_bit_for_bit()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(31);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(2024, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        var builder = new TrainDataBuilder(TestAgents.Registry, store, new BatchOptions { ChunkLength = TimeSpan.FromDays(2), MaxParallelism = 2 }, folder.Path);
        DatasetBuildResult built = await builder.BuildAsync(config, [new ArrayTickSource("EURUSD", ticks)]);

        using IDataset dataset = store.OpenDataset(config.Id);
        var live = new LiveFeatureDriver(FeaturePlan.Compile(config, TestAgents.Registry), new ObservationTransform(dataset.Metadata.Transforms));
        int row = 0;
        long compared = 0;
        live.ObservationReady = (time, observation) =>
        {
            if (!range.Contains(time))
            {
                return;
            }

            Assert.Equal(dataset.TimeMs(row), time);
            ReadOnlySpan<float> stored = dataset.Observation(row);
            for (int c = 0; c < stored.Length; c++)
            {
                if (BitConverter.SingleToInt32Bits(stored[c]) != BitConverter.SingleToInt32Bits(observation[c]))
                {
                    Assert.Fail($"row {row} at {UtcTime.Format(time)}, {dataset.Metadata.Columns[c]}: dataset {stored[c]}, live {observation[c]}");
                }
            }

            compared += stored.Length;
            row++;
        };
        foreach (Tick tick in ticks)
        {
            live.OnTick(tick);
        }

        output.WriteLine($"{ticks.Length} ticks, {dataset.Count} rows × {dataset.Width} columns, {compared} values equal bit for bit");
        Assert.Equal(dataset.Count, row);
        Assert.True(dataset.Count > 150_000, $"{dataset.Count} rows");
        Assert.Equal(built.Metadata.Rows, dataset.Count);
        Assert.Equal(0, live.LateTicks);
    }

    [Fact]
    public void Batch_rows_do_not_depend_on_chunk_length_or_parallelism()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(8);
        FeaturePlan plan = FeaturePlan.Compile(config, TestAgents.Registry);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(5, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);
        RawRowList Run(TimeSpan chunk, int parallelism)
        {
            var rows = new RawRowList();
            new BatchFeatureDriver(plan, new BatchOptions { ChunkLength = chunk, MaxParallelism = parallelism })
                .Run([new ArrayTickSource("EURUSD", ticks)], range, rows);
            return rows;
        }

        RawRowList single = Run(TimeSpan.FromDays(30), 1);
        foreach ((TimeSpan chunk, int parallelism) in new[] { (TimeSpan.FromHours(5), 2), (TimeSpan.FromMinutes(7), 2), (TimeSpan.FromDays(1), 1) })
        {
            RawRowList chunked = Run(chunk, parallelism);
            Assert.Equal(single.Times, chunked.Times);
            Assert.Equal(single.Executions, chunked.Executions);
            for (int r = 0; r < single.Rows.Count; r++)
            {
                Assert.True(single.Rows[r].AsSpan().SequenceEqual(chunked.Rows[r]), $"row {r} differs with {chunk} chunks");
            }
        }
    }

    [Fact]
    public void No_decision_is_taken_while_the_market_is_closed()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(14);
        config = config with { RawData = config.RawData with { Market = config.RawData.Market with { Holidays = [new DateOnly(2020, 1, 15)] } } };
        FeaturePlan plan = FeaturePlan.Compile(config, TestAgents.Registry);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(5, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);
        var rows = new RawRowList();
        new BatchFeatureDriver(plan).Run([new ArrayTickSource("EURUSD", ticks)], range, rows);

        Assert.All(rows.Times, t => Assert.True(plan.Calendar.IsOpen(t), UtcTime.Format(t)));
        Assert.DoesNotContain(rows.Times, t => UtcTime.DayOfWeek(t) == DayOfWeek.Saturday);
        Assert.DoesNotContain(rows.Times, t => t >= UtcTime.FromParts(2020, 1, 14, 22, 0, 0, 0) && t < UtcTime.FromParts(2020, 1, 15, 22, 0, 0, 0));
        Assert.Contains(rows.Times, t => t == UtcTime.FromParts(2020, 1, 12, 22, 0, 3, 0));
        Assert.Contains(rows.Times, t => t == UtcTime.FromParts(2020, 1, 10, 21, 59, 53, 0));
        Assert.DoesNotContain(rows.Times, t => t == UtcTime.FromParts(2020, 1, 10, 22, 0, 3, 0));
    }
}
