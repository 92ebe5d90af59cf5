using YamlDotNet.RepresentationModel;

namespace Releat.Training.Runs;

/// <summary>
/// Changes values of an agent config by dotted path ("training.learning_rate" → "3e-4", "model.actor.hidden" →
/// "[32, 32]") in its YAML text before it is loaded, so the loader validates an overridden value exactly as a
/// written one. raw_data and features cannot be overridden: they define the dataset, which is built once per agent.
/// </summary>
public static class ConfigOverrides
{
    private static readonly string[] DatasetSections = ["agent", "raw_data", "features"];

    public static string Apply(string yaml, IReadOnlyDictionary<string, string> overrides, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.Count == 0)
        {
            return yaml;
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ArgumentException($"{file}: not a YAML mapping, so no value can be overridden", nameof(yaml));
        }

        foreach ((string path, string value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            Set(root, path, value, file);
        }

        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>Parses "a.b=1,c.d=x" style pairs (one per item) into a dictionary; the value keeps any commas.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"'{assignment}' is not path=value (e.g. training.learning_rate=3e-4)", nameof(assignments));
            }

            result[assignment[..equals].Trim()] = assignment[(equals + 1)..].Trim();
        }

        return result;
    }

    private static void Set(YamlMappingNode root, string path, string value, string file)
    {
        string[] keys = path.Split('.');
        if (keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{file}: override '{path}' is not a dotted path like training.learning_rate", nameof(path));
        }

        if (DatasetSections.Contains(keys[0], StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"{file}: {path}: {keys[0]} defines the agent's dataset and cannot be overridden; copy the agent under a new id instead", nameof(path));
        }

        YamlMappingNode node = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            var key = new YamlScalarNode(keys[i]);
            if (!node.Children.TryGetValue(key, out YamlNode? child))
            {
                child = new YamlMappingNode();
                node.Children[key] = child;
            }

            node = child as YamlMappingNode
                ?? throw new ArgumentException($"{file}: {string.Join('.', keys[..(i + 1)])} is a value, not a section, so '{path}' cannot be set", nameof(path));
        }

        node.Children[new YamlScalarNode(keys[^1])] = ParseValue(value);
    }

    private static YamlNode ParseValue(string value)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(value));
        return stream.Documents.Count == 0 ? new YamlScalarNode("") : stream.Documents[0].RootNode;
    }
}
