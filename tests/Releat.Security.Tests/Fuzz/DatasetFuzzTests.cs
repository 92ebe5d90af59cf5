using Releat.Features.Store;
using Releat.Security.Tests.Fuzz.Datasets;
using Releat.Security.Tests.Fuzz.Import;
using Xunit.Abstractions;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Whatever a dataset's files hold, opening it from the feature store gives a dataset whose rows can all be read
/// (as many as promised, decision times strictly increasing) or a DatasetFormatException naming the file at fault:
/// never another exception, never a read past a mapped file. Opening writes nothing: the damaged files stay as
/// they were and another dataset in the same store is untouched byte for byte.
/// </summary>
public sealed class DatasetFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const ulong Seed = 9301;
    private const int Cases = 1000;
    private const string Target = "t00001-fuzzed";
    private const string Neighbour = "t00002-intact";
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private readonly string _root = Directory.CreateTempSubdirectory("releat-dataset-fuzz-").FullName;

    [Fact]
    public void Every_damaged_dataset_opens_whole_or_is_refused_naming_its_file_and_nothing_else_changes()
    {
        var store = new FileFeatureStore(_root);
        Dictionary<string, byte[]> pristine = StoredDataset.Write(store, Target, seed: 1);
        StoredDataset.Write(store, Neighbour, seed: 2);
        var neighbour = StoreSnapshot.Take(store.DatasetDirectory(Neighbour));
        string directory = store.DatasetDirectory(Target);
        using (IDataset intact = store.OpenDataset(Target))
        {
            Assert.Equal(StoredDataset.Rows, intact.Count);
        }

        var opened = 0;
        var refused = new Dictionary<string, int>();
        long rowsRead = 0;
        var ran = SeededCases.Check(DatasetCase.Generator(pristine), Cases, Seed, damaged =>
        {
            WriteFiles(directory, damaged);
            long rows = 0;
            CaseOutcome outcome = BoundedCase.Run(() => rows = ReadEverything(store, damaged.Mutations), TimeLimit, damaged.Mutations);
            if (outcome.Error is null)
            {
                opened++;
                rowsRead += rows;
            }
            else
            {
                string file = AssertRefusal(outcome.Error, directory, damaged.Mutations);
                refused[file] = refused.GetValueOrDefault(file) + 1;
            }

            AssertFilesAsWritten(directory, damaged);
            neighbour.AssertUnchanged($"{damaged.Mutations}: dataset {Neighbour}");
            Assert.Equal([Target, Neighbour], Directory.GetDirectories(Path.Combine(_root, "datasets")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        });

        output.WriteLine($"datasets: {ran} damaged datasets (seed {Seed}): {opened} opened with all {rowsRead} rows readable and times increasing, " +
            $"{refused.Values.Sum()} refused naming the file ({string.Join(", ", refused.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"))}); " +
            "the damaged files unchanged by opening, the other dataset in the store intact.");
        Assert.Equal(Cases, ran);
        Assert.True(opened > 50 && refused.Values.Sum() > 500, "the generator should produce both outcomes");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Opens the dataset and reads every row of it; returns how many.</summary>
    private static long ReadEverything(FileFeatureStore store, string describe)
    {
        using IDataset dataset = store.OpenDataset(Target);
        Assert.True(dataset.Count == dataset.Metadata.Rows && dataset.Width == dataset.Metadata.Columns.Count,
            $"{describe}: {dataset.Count} rows × {dataset.Width} opened, metadata says {dataset.Metadata.Rows} × {dataset.Metadata.Columns.Count}");
        for (int row = 0; row < dataset.Count; row++)
        {
            Assert.True(row == 0 || dataset.TimeMs(row) > dataset.TimeMs(row - 1), $"{describe}: time of row {row} does not increase");
            Assert.Equal(dataset.Width, dataset.Observation(row).Length);
            _ = dataset.Execution(row);
        }

        return dataset.Count;
    }

    /// <summary>The error is a DatasetFormatException naming one of the dataset's files; returns that file's name.</summary>
    private static string AssertRefusal(Exception error, string directory, string describe)
    {
        Assert.True(error is DatasetFormatException, $"{describe}: {error}");
        string? named = StoredDataset.FileNames.FirstOrDefault(f => error.Message.Contains(Path.Combine(directory, f), StringComparison.Ordinal));
        Assert.True(named is not null, $"{describe}: '{error.Message}' names none of the dataset's files");
        return named;
    }

    private static void WriteFiles(string directory, DatasetCase damaged)
    {
        foreach ((string name, byte[]? bytes) in damaged.Files)
        {
            string path = Path.Combine(directory, name);
            if (bytes is null)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllBytes(path, bytes);
            }
        }
    }

    private static void AssertFilesAsWritten(string directory, DatasetCase damaged)
    {
        Assert.Equal(damaged.Files.Where(f => f.Value is not null).Select(f => f.Key).Order(), Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        foreach ((string name, byte[]? bytes) in damaged.Files)
        {
            Assert.True(bytes is null || File.ReadAllBytes(Path.Combine(directory, name)).AsSpan().SequenceEqual(bytes), $"{damaged.Mutations}: opening changed {name}");
        }
    }
}
