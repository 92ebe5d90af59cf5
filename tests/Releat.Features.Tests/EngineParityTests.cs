using Releat.Agents;
using Releat.MarketData;

namespace Releat.Features.Tests;

public sealed class EngineParityTests
{
    [Fact]
    public void Chunked_parallel_batch_equals_a_live_replay_bit_for_bit_on_raw_features()
    {
        AgentConfig config = TestAgents.T00001OnSyntheticDays(10);
        FeaturePlan plan = FeaturePlan.Compile(config, TestAgents.Registry);
        TimeRange range = config.RawData.DataRange;
        Tick[] ticks = SyntheticTicks.Generate(7, range.StartMs - UtcTime.MsPerDay, range.EndMs + UtcTime.MsPerDay);

        var batch = new RawRowList();
        new BatchFeatureDriver(plan, new BatchOptions { ChunkLength = TimeSpan.FromHours(13), MaxParallelism = 2 })
            .Run([new ArrayTickSource("EURUSD", ticks)], range, batch);

        var live = new LiveFeatureDriver(plan);
        var liveTimes = new List<long>();
        var liveRows = new List<float[]>();
        live.ObservationReady = (t, obs) =>
        {
            if (range.Contains(t))
            {
                liveTimes.Add(t);
                liveRows.Add(obs.ToArray());
            }
        };
        foreach (Tick tick in ticks)
        {
            live.OnTick(tick);
        }

        Assert.True(batch.Times.Count > 10_000, $"only {batch.Times.Count} rows");
        Assert.Equal(liveTimes, batch.Times.Take(liveTimes.Count));
        Assert.Equal(liveTimes.Count, batch.Times.Count);
        for (int row = 0; row < liveRows.Count; row++)
        {
            for (int column = 0; column < plan.Layout.Width; column++)
            {
                int liveBits = BitConverter.SingleToInt32Bits(liveRows[row][column]);
                int batchBits = BitConverter.SingleToInt32Bits(batch.Rows[row][column]);
                if (liveBits != batchBits)
                {
                    Assert.Fail($"row {row} ({UtcTime.Format(liveTimes[row])}) column {plan.Layout.Names[column]}: live {liveRows[row][column]} batch {batch.Rows[row][column]}");
                }
            }
        }
    }
}
