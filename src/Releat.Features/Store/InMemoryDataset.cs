using System.Runtime.InteropServices;
using Releat.Features.Drivers;

namespace Releat.Features.Store;

/// <summary>A dataset held in arrays (loaded from Redis, or built in memory for tests).</summary>
public sealed class InMemoryDataset : IDataset
{
    private readonly long[] _times;
    private readonly float[] _observations;
    private readonly double[] _executions;

    public InMemoryDataset(DatasetMetadata metadata, long[] times, float[] observations, double[] executions)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(executions);
        if (times.Length != metadata.Rows || observations.Length != times.Length * metadata.Width
            || executions.Length != times.Length * DatasetFiles.ExecutionColumns)
        {
            throw new DatasetFormatException($"dataset of {metadata.AgentId}: array sizes do not match {metadata.Rows} rows × {metadata.Width} columns");
        }

        Metadata = metadata;
        _times = times;
        _observations = observations;
        _executions = executions;
    }

    public DatasetMetadata Metadata { get; }

    public int Count => _times.Length;

    public int Width => Metadata.Width;

    /// <summary>Builds a dataset from stored array bytes (each with its header); <paramref name="source"/> names them in errors.</summary>
    public static InMemoryDataset FromBytes(DatasetMetadata metadata, byte[] times, byte[] observations, byte[] executions, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new InMemoryDataset(
            metadata,
            Decode<long>(times, $"{source}:times", metadata.Rows, 1),
            Decode<float>(observations, $"{source}:observations", metadata.Rows, metadata.Width),
            Decode<double>(executions, $"{source}:execution", metadata.Rows, DatasetFiles.ExecutionColumns));
    }

    public long TimeMs(int row) => _times[row];

    public ReadOnlySpan<float> Observation(int row) => _observations.AsSpan(row * Width, Width);

    public ExecutionRange Execution(int row)
    {
        int i = row * DatasetFiles.ExecutionColumns;
        return new ExecutionRange(_executions[i], _executions[i + 1], _executions[i + 2], _executions[i + 3]);
    }

    public void Dispose()
    {
    }

    private static T[] Decode<T>(byte[]? bytes, string name, long rows, long columns)
        where T : unmanaged
    {
        if (bytes is null)
        {
            throw new DatasetFormatException($"{name}: missing");
        }

        ArrayHeader.ReadChecked(bytes, bytes.Length, name, Marshal.SizeOf<T>(), rows, columns);
        return MemoryMarshal.Cast<byte, T>(bytes.AsSpan(ArrayHeader.Size)).ToArray();
    }
}
