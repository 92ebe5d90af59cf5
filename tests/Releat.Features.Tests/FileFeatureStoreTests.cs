using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Store;
using Releat.Features.Transforms;

namespace Releat.Features.Tests;

public sealed class FileFeatureStoreTests
{
    [Fact]
    public void A_written_dataset_reads_back_row_for_row()
    {
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        WriteSample(store, "sample", rows: 50);

        using IDataset dataset = store.OpenDataset("sample");
        Assert.Equal(50, dataset.Count);
        Assert.Equal(3, dataset.Width);
        Assert.Equal(50, dataset.Metadata.Rows);
        for (int row = 0; row < 50; row++)
        {
            Assert.Equal(1000L * (row + 1), dataset.TimeMs(row));
            Assert.Equal(new[] { row, row * 0.5f, -row }, dataset.Observation(row).ToArray());
            Assert.Equal(new ExecutionRange(1.1 + row, 1.2 + row, 1.3 + row, 1.4 + row), dataset.Execution(row));
        }

        Assert.Equal(10..20, dataset.RowsIn(new TimeRange(10_500, 20_500)));
    }

    [Fact]
    public void An_unfinished_dataset_is_invisible_and_leaves_nothing_behind()
    {
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        using (IDatasetWriter writer = store.CreateDataset("partial", 3))
        {
            writer.Append(1000, [1, 2, 3], default);
        }

        Assert.False(store.HasDataset("partial"));
        Assert.False(Directory.Exists(store.DatasetDirectory("partial") + ".partial"));
        var error = Assert.Throws<DatasetFormatException>(() => store.OpenDataset("partial"));
        Assert.Contains("metadata.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_array_is_reported_with_its_file()
    {
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        WriteSample(store, "cut", rows: 20);
        string path = Path.Combine(store.DatasetDirectory("cut"), "observations.f32");
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(stream.Length - 7);
        }

        var error = Assert.Throws<DatasetFormatException>(() => store.OpenDataset("cut"));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_array_of_the_wrong_shape_is_reported_with_its_file()
    {
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        WriteSample(store, "a", rows: 20);
        WriteSample(store, "b", rows: 21);
        string target = Path.Combine(store.DatasetDirectory("a"), "execution.f64");
        File.Copy(Path.Combine(store.DatasetDirectory("b"), "execution.f64"), target, overwrite: true);

        var error = Assert.Throws<DatasetFormatException>(() => store.OpenDataset("a"));
        Assert.Contains(target, error.Message, StringComparison.Ordinal);
        Assert.Contains("21 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_metadata_is_reported_with_its_file()
    {
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        WriteSample(store, "m", rows: 5);
        string path = Path.Combine(store.DatasetDirectory("m"), "metadata.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"rows\": 5", "\"rows\": \"five\"", StringComparison.Ordinal));

        var error = Assert.Throws<DatasetFormatException>(() => store.OpenDataset("m"));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "{ \"format_version\": 99 }");
        error = Assert.Throws<DatasetFormatException>(() => store.OpenDataset("m"));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_latest_observation_round_trips()
    {
        using var folder = new TempDirectory();
        var store = new FileFeatureStore(folder.Path);
        Assert.Null(store.ReadLatest("t00001"));
        store.PublishLatest("t00001", new LatestObservation(10_003, 10_001, [0.5f, -1.25f]));
        LatestObservation latest = store.ReadLatest("t00001")!;
        Assert.Equal(10_003, latest.DecisionTimeMs);
        Assert.Equal(new[] { 0.5f, -1.25f }, latest.Values);
    }

    internal static void WriteSample(IFeatureStore store, string name, int rows)
    {
        using IDatasetWriter writer = store.CreateDataset(name, 3);
        for (int row = 0; row < rows; row++)
        {
            writer.Append(1000L * (row + 1), [row, row * 0.5f, -row], new ExecutionRange(1.1 + row, 1.2 + row, 1.3 + row, 1.4 + row));
        }

        writer.Complete(new DatasetMetadata
        {
            AgentId = name,
            TradedSymbol = "EURUSD",
            DecisionStepMs = 1000,
            TimeOffsetMs = 0,
            DataRange = new TimeRange(0, 1_000_000),
            Train = new TimeRange(0, 500_000),
            Validation = new TimeRange(500_000, 750_000),
            Test = new TimeRange(750_000, 1_000_000),
            Columns = ["a", "b", "c"],
            Transforms = [FeatureTransform.Identity("a"), FeatureTransform.Identity("b"), FeatureTransform.Identity("c")],
        });
    }
}
