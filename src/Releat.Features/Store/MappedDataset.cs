using Releat.Features.Drivers;

namespace Releat.Features.Store;

/// <summary>
/// A dataset on disk, memory-mapped: opening checks the metadata, every array header, the file sizes and that
/// decision times increase, and names the file at fault; reading a row afterwards costs no copy.
/// </summary>
public sealed class MappedDataset : IDataset
{
    private readonly MappedArray _times;
    private readonly MappedArray _observations;
    private readonly MappedArray _executions;

    public MappedDataset(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string metadataPath = Path.Combine(directory, DatasetFiles.Metadata);
        if (!File.Exists(metadataPath))
        {
            throw new DatasetFormatException($"{metadataPath}: missing (no complete dataset in {directory})");
        }

        Metadata = DatasetJson.Deserialize(File.ReadAllText(metadataPath), metadataPath);
        if (Metadata.Rows > int.MaxValue)
        {
            throw new DatasetFormatException($"{metadataPath}: {Metadata.Rows} rows is more than one dataset may hold");
        }

        Count = (int)Metadata.Rows;
        Width = Metadata.Width;
        var opened = new List<MappedArray>();
        try
        {
            _times = Track(new MappedArray(Path.Combine(directory, DatasetFiles.Times), sizeof(long), Count, 1), opened);
            _observations = Track(new MappedArray(Path.Combine(directory, DatasetFiles.Observations), sizeof(float), Count, Width), opened);
            _executions = Track(new MappedArray(Path.Combine(directory, DatasetFiles.Executions), sizeof(double), Count, DatasetFiles.ExecutionColumns), opened);
            CheckTimesIncrease(Path.Combine(directory, DatasetFiles.Times));
        }
        catch
        {
            opened.ForEach(a => a.Dispose());
            throw;
        }
    }

    public DatasetMetadata Metadata { get; }

    public int Count { get; }

    public int Width { get; }

    public long TimeMs(int row) => _times.Row<long>(Checked(row), 1)[0];

    public ReadOnlySpan<float> Observation(int row) => _observations.Row<float>(Checked(row), Width);

    public ExecutionRange Execution(int row)
    {
        ReadOnlySpan<double> e = _executions.Row<double>(Checked(row), DatasetFiles.ExecutionColumns);
        return new ExecutionRange(e[0], e[1], e[2], e[3]);
    }

    public void Dispose()
    {
        _times.Dispose();
        _observations.Dispose();
        _executions.Dispose();
    }

    private static MappedArray Track(MappedArray array, List<MappedArray> opened)
    {
        opened.Add(array);
        return array;
    }

    private void CheckTimesIncrease(string path)
    {
        for (int row = 1; row < Count; row++)
        {
            if (TimeMs(row) <= TimeMs(row - 1))
            {
                throw new DatasetFormatException($"{path}: decision times do not increase at row {row}");
            }
        }
    }

    private int Checked(int row) =>
        (uint)row < (uint)Count ? row : throw new ArgumentOutOfRangeException(nameof(row), row, $"the dataset has {Count} rows");
}
