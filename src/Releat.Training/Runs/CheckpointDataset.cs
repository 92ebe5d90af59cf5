using Releat.Features.Store;

namespace Releat.Training.Runs;

/// <summary>
/// The metadata of the dataset a checkpoint was trained on (columns, decision grid, fitted transforms), saved inside
/// the checkpoint so live trading can rebuild the same observation without the training dataset's folder. Older
/// checkpoints without it fall back to the dataset in the feature store under RELEAT_HOME, and only while that
/// dataset is still the one they were trained on.
/// </summary>
public static class CheckpointDataset
{
    public const string FileName = "dataset.json";

    public static void Save(DatasetMetadata metadata, string checkpointDirectory)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        File.WriteAllText(Path.Combine(checkpointDirectory, FileName), DatasetJson.Serialize(metadata));
    }

    /// <summary>The checkpoint's dataset metadata, or for an old checkpoint the feature store's when it still matches.</summary>
    /// <exception cref="DatasetFormatException">dataset.json is not dataset metadata.</exception>
    /// <exception cref="InvalidDataException">No metadata in the checkpoint and none usable in the store.</exception>
    public static DatasetMetadata Load(string checkpointDirectory, string home)
    {
        string path = Path.Combine(checkpointDirectory, FileName);
        if (File.Exists(path))
        {
            return DatasetJson.Deserialize(File.ReadAllText(path), path);
        }

        RunState state = RunState.Read(checkpointDirectory);
        var store = new FileFeatureStore(home);
        if (!store.HasDataset(state.AgentId))
        {
            throw new InvalidDataException(
                $"{checkpointDirectory} has no {FileName} (saved before checkpoints carried it) and {store.DatasetDirectory(state.AgentId)} holds no dataset: retrain {state.AgentId}");
        }

        using IDataset dataset = store.OpenDataset(state.AgentId);
        if (dataset.Count != state.DatasetRows || dataset.TimeMs(0) != state.DatasetFirstMs || dataset.TimeMs(dataset.Count - 1) != state.DatasetLastMs)
        {
            throw new InvalidDataException(
                $"{checkpointDirectory} has no {FileName} and {store.DatasetDirectory(state.AgentId)} was rebuilt since it was trained " +
                $"({dataset.Count} rows, the checkpoint's had {state.DatasetRows}): its fitted transforms are gone; retrain {state.AgentId}");
        }

        return dataset.Metadata;
    }
}
