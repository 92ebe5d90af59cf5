using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;
using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>The candle example agent c00001 on the shared real EURUSD H1 ask candles of 2017.</summary>
public sealed class CandleAgentTests
{
    private const double Pip = 0.0001;

    [Fact]
    public async Task C00001_builds_a_dataset_from_the_shared_hourly_candles()
    {
        using var folder = new TempDirectory();
        CandleStore candles = ImportSharedCandles(folder.Path);
        AgentConfig config = TestAgents.Load("c00001");
        var store = new FileFeatureStore(folder.Path);
        DatasetBuildResult result = await new TrainDataBuilder(TestAgents.Registry, store, scratchDirectory: folder.Path)
            .BuildAsync(config, [new CandleStoreSource(candles, "EURUSD", Timeframe.H1)]);

        using IDataset dataset = store.OpenDataset("c00001");
        Assert.InRange(dataset.Count, 5_500, 6_225);
        Assert.Equal(result.Metadata.Rows, dataset.Count);
        Assert.Equal(12 * 6 + 6 * 3 + 4, dataset.Width);
        Assert.All(Enumerable.Range(0, dataset.Count), r => Assert.All(dataset.Observation(r).ToArray(), v => Assert.InRange(v, -5f, 5f)));
        Range train = dataset.RowsIn(config.RawData.Split.Train);
        Assert.True(train.End.Value - train.Start.Value > 3_500);
    }

    [Fact]
    public void Candle_features_and_fills_come_from_the_right_candles()
    {
        using var folder = new TempDirectory();
        CandleStore store = ImportSharedCandles(folder.Path);
        Candle[] all = store.ReadAll("EURUSD", Timeframe.H1);
        AgentConfig config = TestAgents.Load("c00001");
        FeaturePlan plan = FeaturePlan.Compile(config, TestAgents.Registry);
        var rows = new RawRowList();
        new BatchFeatureDriver(plan).Run([new ArrayCandleSource("EURUSD", all)], config.RawData.DataRange, rows);

        var byOpen = all.ToDictionary(c => c.TimeMs);
        List<string> names = [.. plan.Layout.Names];
        int checkedRows = 0;
        for (int row = 0; row < rows.Times.Count; row += 97)
        {
            long t = rows.Times[row];
            if (!byOpen.TryGetValue(t - UtcTime.MsPerHour, out Candle last) || !byOpen.TryGetValue(t, out Candle next)
                || !Enumerable.Range(1, 4).All(h => byOpen.ContainsKey(t - (h * UtcTime.MsPerHour))))
            {
                continue;
            }

            float[] raw = rows.Rows[row];
            Assert.Equal((float)((last.Close - last.Open) / Pip), raw[names.IndexOf("h1.candle_return.lag0")], 3);
            Assert.Equal((float)((last.High - last.Low) / Pip), raw[names.IndexOf("h1.candle_range.lag0")], 3);
            double range = last.High - last.Low;
            Assert.Equal((float)(range > 0 ? (last.Close - last.Open) / range : 0), raw[names.IndexOf("h1.body_ratio.lag0")], 4);

            Candle first = byOpen[t - (4 * UtcTime.MsPerHour)];
            Assert.Equal((float)((last.Close - first.Open) / Pip), raw[names.IndexOf("h4.candle_return.lag0")], 3);

            // Fills happen in the next candle: its ask range as quoted, the bid one configured spread (0.8 pip) below.
            ExecutionRange fill = rows.Executions[row];
            Assert.Equal((next.Low, next.High), (fill.AskLow, fill.AskHigh));
            Assert.Equal(next.Low - (0.8 * Pip), fill.BidLow, 9);
            checkedRows++;
        }

        Assert.True(checkedRows > 40, $"only {checkedRows} rows checked");
    }

    private static CandleStore ImportSharedCandles(string root)
    {
        string path = Path.Combine(RepositoryRoot.SharedPath, "data", "EURUSD_H1_2017_ask.csv");
        Assert.True(File.Exists(path), $"{path} is missing: the tests read the shared sample data beside the checkout");
        var store = new CandleStore(root);
        using CandleWriter writer = store.OpenWriter("EURUSD", Timeframe.H1);
        ImportReport report = new DukascopyCandleImporter().Import(path, writer);
        Assert.True(writer.AppendedCount > 6_000, $"imported {writer.AppendedCount} candles: {report}");
        writer.Flush();
        return store;
    }
}
