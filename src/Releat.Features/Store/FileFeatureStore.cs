namespace Releat.Features.Store;

/// <summary>
/// The default feature store: a folder. Datasets live in &lt;root&gt;/datasets/&lt;name&gt;/ (metadata.json plus
/// times.i64, observations.f32 and execution.f64), the latest live observation of each agent in
/// &lt;root&gt;/latest/&lt;agent&gt;.json, replaced atomically.
/// </summary>
public sealed class FileFeatureStore : IFeatureStore
{
    public FileFeatureStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = root;
    }

    public string Root { get; }

    public string DatasetDirectory(string name) => Path.Combine(Root, "datasets", CheckedName(name));

    public IDatasetWriter CreateDataset(string name, int width)
    {
        Directory.CreateDirectory(Path.Combine(Root, "datasets"));
        return new FileDatasetWriter(DatasetDirectory(name), width);
    }

    public IDataset OpenDataset(string name) => new MappedDataset(DatasetDirectory(name));

    public bool HasDataset(string name) => File.Exists(Path.Combine(DatasetDirectory(name), DatasetFiles.Metadata));

    public void PublishLatest(string agentId, LatestObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        string folder = Path.Combine(Root, "latest");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, CheckedName(agentId) + ".json");
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, System.Text.Json.JsonSerializer.Serialize(observation));
        File.Move(temporary, path, overwrite: true);
    }

    public LatestObservation? ReadLatest(string agentId)
    {
        string path = Path.Combine(Root, "latest", CheckedName(agentId) + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<LatestObservation>(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new DatasetFormatException($"{path}: bad latest observation: {e.Message}", e);
        }
    }

    private static string CheckedName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot name a dataset folder", nameof(name));
        }

        return name;
    }
}
