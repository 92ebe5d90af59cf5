using Releat.Features.Drivers;
using StackExchange.Redis;

namespace Releat.Features.Store;

/// <summary>Builds a small dataset in memory and writes its four values to Redis in one MSET on completion.</summary>
internal sealed class RedisDatasetWriter(IDatabase database, RedisDatasetKeys keys, int width, long maxBytes) : IDatasetWriter
{
    private readonly ArrayBuffer<long> _times = new(1);
    private readonly ArrayBuffer<float> _observations = new(width);
    private readonly ArrayBuffer<double> _executions = new(DatasetFiles.ExecutionColumns);
    private readonly double[] _execution = new double[DatasetFiles.ExecutionColumns];

    public long Rows => _times.Rows;

    public void Append(long decisionTimeMs, ReadOnlySpan<float> observation, in ExecutionRange execution)
    {
        if (observation.Length != width)
        {
            throw new ArgumentException($"observation has {observation.Length} values, the dataset {width}", nameof(observation));
        }

        if (_observations.Bytes > maxBytes)
        {
            throw new InvalidOperationException($"{keys.Observations}: more than {maxBytes} bytes; Redis holds small datasets, use the file store");
        }

        _times.Append([decisionTimeMs]);
        _observations.Append(observation);
        (_execution[0], _execution[1], _execution[2], _execution[3]) = (execution.BidLow, execution.BidHigh, execution.AskLow, execution.AskHigh);
        _executions.Append(_execution);
    }

    public void Complete(DatasetMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        // One MSET: atomic, so a reader sees the whole dataset or none of it.
        KeyValuePair<RedisKey, RedisValue>[] values =
        [
            new(keys.Times, _times.ToBytes()),
            new(keys.Observations, _observations.ToBytes()),
            new(keys.Executions, _executions.ToBytes()),
            new(keys.Metadata, DatasetJson.Serialize(metadata with { Rows = Rows })),
        ];
        if (!database.StringSet(values))
        {
            throw new InvalidOperationException($"{keys.Metadata}: Redis did not write the dataset");
        }
    }

    public void Dispose()
    {
    }
}
