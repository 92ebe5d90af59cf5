using Releat.Features.Drivers;

namespace Releat.Features.Store;

/// <summary>
/// A built dataset, read-only: per decision time (increasing) the transformed observation and the execution range
/// of the window after it. Spans stay valid until the dataset is disposed.
/// </summary>
public interface IDataset : IDisposable
{
    DatasetMetadata Metadata { get; }

    int Count { get; }

    int Width { get; }

    long TimeMs(int row);

    ReadOnlySpan<float> Observation(int row);

    ExecutionRange Execution(int row);
}
