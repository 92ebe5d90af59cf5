using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Store;
using Releat.Features.Transforms;

namespace Releat.Security.Tests.Fuzz.Datasets;

/// <summary>
/// A small dataset written through the store's own writer: <see cref="Rows"/> decision times ten seconds apart,
/// <see cref="Width"/> observation columns, execution ranges; its files' bytes are what every case starts from.
/// </summary>
internal static class StoredDataset
{
    public const int Rows = 40;
    public const int Width = 3;
    public const long FirstTimeMs = 1_704_067_200_000;
    public const long StepMs = 10_000;

    public static readonly string[] FileNames = ["metadata.json", "times.i64", "observations.f32", "execution.f64"];

    /// <summary>Writes the dataset under <paramref name="name"/> and returns its files' bytes by file name.</summary>
    public static Dictionary<string, byte[]> Write(FileFeatureStore store, string name, int seed)
    {
        var random = new Random(seed);
        using (IDatasetWriter writer = store.CreateDataset(name, Width))
        {
            float[] observation = new float[Width];
            for (int row = 0; row < Rows; row++)
            {
                for (int c = 0; c < Width; c++)
                {
                    observation[c] = (float)((random.NextDouble() * 4) - 2);
                }

                double bid = 1.08 + (random.NextDouble() / 100);
                writer.Append(FirstTimeMs + (row * StepMs), observation, new ExecutionRange(bid, bid + 0.0002, bid + 0.0001, bid + 0.0003));
            }

            var range = new TimeRange(FirstTimeMs, FirstTimeMs + (Rows * StepMs));
            writer.Complete(new DatasetMetadata
            {
                AgentId = "t00001",
                ConfigSha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                TradedSymbol = "EURUSD",
                DecisionStepMs = StepMs,
                TimeOffsetMs = 3000,
                DataRange = range,
                Train = new TimeRange(range.StartMs, range.StartMs + (20 * StepMs)),
                Validation = new TimeRange(range.StartMs + (20 * StepMs), range.StartMs + (30 * StepMs)),
                Test = new TimeRange(range.StartMs + (30 * StepMs), range.EndMs),
                Columns = ["s30.price_diff.0", "s30.buy_ratio.0", "clock.time_of_day"],
                AgentStateColumns = ["position"],
                Transforms =
                [
                    new FeatureTransform("s30.price_diff.0", -1, 1, 0.5, 0.1, 0.9, true, 5, false),
                    FeatureTransform.Identity("s30.buy_ratio.0"),
                    new FeatureTransform("clock.time_of_day", null, null, null, null, null, false, null, true),
                ],
                TicksRead = 12_345,
            });
        }

        string directory = store.DatasetDirectory(name);
        return FileNames.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(directory, f)));
    }
}
