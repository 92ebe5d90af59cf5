using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Releat.Deploy.Tests;

/// <summary>
/// YAML read into plain dictionaries, lists and strings, with merge keys (&lt;&lt;: *anchor) applied as compose applies
/// them, so a test sees each service as docker-compose does.
/// </summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static Dictionary<object, object?> LoadFile(string path) => Load(File.ReadAllText(path)).Single();

    public static IReadOnlyList<Dictionary<object, object?>> Load(string text)
    {
        var documents = new List<Dictionary<object, object?>>();
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize(parser) is Dictionary<object, object?> document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public static Dictionary<object, object?> Map(this object? node, string what) =>
        node as Dictionary<object, object?> ?? throw new InvalidOperationException($"{what} is not a mapping");

    public static List<object?> List(this object? node, string what) =>
        node as List<object?> ?? throw new InvalidOperationException($"{what} is not a list");

    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not Dictionary<object, object?> map || !map.TryGetValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(this object? node, params string[] path) => node.At(path)?.ToString();
}
