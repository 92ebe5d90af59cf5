using Releat.Checksums;
using Releat.Features.Drivers;

namespace Releat.Features.Store;

/// <summary>
/// Writes a dataset into "&lt;name&gt;.partial" and renames it to its final directory when complete, so a reader
/// never sees half a dataset and a crashed build leaves the previous one intact. A build is the dataset's one
/// writer: it holds "&lt;name&gt;.lock" from start to end, so a second build of the same dataset is refused before it
/// touches the first one's ".partial" folder.
/// </summary>
internal sealed class FileDatasetWriter : IDatasetWriter
{
    private readonly WriterLock _writer;
    private readonly string _partial;
    private readonly string _final;
    private readonly int _width;
    private readonly ArrayFileWriter<long> _times;
    private readonly ArrayFileWriter<float> _observations;
    private readonly ArrayFileWriter<double> _executions;
    private readonly double[] _execution = new double[DatasetFiles.ExecutionColumns];
    private long _lastTime = long.MinValue;
    private bool _completed;

    public FileDatasetWriter(string directory, int width)
    {
        _final = directory;
        _partial = directory + ".partial";
        _width = width;
        _writer = WriterLock.ForFile(directory);
        try
        {
            if (Directory.Exists(_partial))
            {
                Directory.Delete(_partial, recursive: true);
            }

            Directory.CreateDirectory(_partial);
        }
        catch
        {
            _writer.Dispose();
            throw;
        }

        _times = new ArrayFileWriter<long>(Path.Combine(_partial, DatasetFiles.Times), 1);
        _observations = new ArrayFileWriter<float>(Path.Combine(_partial, DatasetFiles.Observations), width);
        _executions = new ArrayFileWriter<double>(Path.Combine(_partial, DatasetFiles.Executions), DatasetFiles.ExecutionColumns);
    }

    public long Rows => _times.Rows;

    public void Append(long decisionTimeMs, ReadOnlySpan<float> observation, in ExecutionRange execution)
    {
        if (observation.Length != _width)
        {
            throw new ArgumentException($"observation has {observation.Length} values, the dataset {_width}", nameof(observation));
        }

        if (decisionTimeMs <= _lastTime)
        {
            throw new InvalidOperationException($"rows must come in increasing time: {decisionTimeMs} after {_lastTime}");
        }

        _lastTime = decisionTimeMs;
        _times.Append([decisionTimeMs]);
        _observations.Append(observation);
        (_execution[0], _execution[1], _execution[2], _execution[3]) = (execution.BidLow, execution.BidHigh, execution.AskLow, execution.AskHigh);
        _executions.Append(_execution);
    }

    public void Complete(DatasetMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Width != _width)
        {
            throw new ArgumentException($"metadata lists {metadata.Width} columns, the dataset has {_width}", nameof(metadata));
        }

        _times.Seal();
        _observations.Seal();
        _executions.Seal();
        CloseFiles();
        File.WriteAllText(Path.Combine(_partial, DatasetFiles.Metadata), DatasetJson.Serialize(metadata with { Rows = Rows }));
        if (Directory.Exists(_final))
        {
            Directory.Delete(_final, recursive: true);
        }

        Directory.Move(_partial, _final);
        _completed = true;
    }

    public void Dispose()
    {
        CloseFiles();
        if (!_completed && Directory.Exists(_partial))
        {
            Directory.Delete(_partial, recursive: true);
        }

        _writer.Dispose();
    }

    private void CloseFiles()
    {
        _times.Dispose();
        _observations.Dispose();
        _executions.Dispose();
    }
}
