using Releat.Features.Drivers;

namespace Releat.Features.Store;

/// <summary>
/// Writes a dataset row by row. Nothing is visible to readers until <see cref="Complete"/> has written the
/// metadata; disposing without completing discards the partial dataset.
/// </summary>
public interface IDatasetWriter : IDisposable
{
    long Rows { get; }

    void Append(long decisionTimeMs, ReadOnlySpan<float> observation, in ExecutionRange execution);

    /// <summary>Seals the dataset; <see cref="DatasetMetadata.Rows"/> is filled in by the writer.</summary>
    void Complete(DatasetMetadata metadata);
}
