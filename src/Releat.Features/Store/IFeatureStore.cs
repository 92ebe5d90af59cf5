namespace Releat.Features.Store;

/// <summary>
/// Where built datasets and live observations are kept. <see cref="FileFeatureStore"/> (memory-mapped arrays plus
/// JSON metadata) is the default; <see cref="RedisFeatureStore"/> serves the live latest observation and small
/// datasets to other processes.
/// </summary>
public interface IFeatureStore
{
    IDatasetWriter CreateDataset(string name, int width);

    /// <summary>Opens and validates a dataset; <see cref="DatasetFormatException"/> names what is wrong.</summary>
    IDataset OpenDataset(string name);

    bool HasDataset(string name);

    void PublishLatest(string agentId, LatestObservation observation);

    LatestObservation? ReadLatest(string agentId);
}
