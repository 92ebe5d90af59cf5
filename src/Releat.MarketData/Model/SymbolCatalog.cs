using System.Text.Json;

namespace Releat.MarketData.Model;

/// <summary>
/// Symbol specs by name. <see cref="Defaults"/> holds the majors shipped inside the assembly (EURUSD, GBPUSD,
/// USDJPY, USDCHF); a deployment loads its broker's real specs from a JSON file of the same shape.
/// </summary>
public sealed class SymbolCatalog
{
    private const string EmbeddedName = "Releat.MarketData.symbols.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, SymbolSpec> _byName;

    public SymbolCatalog(IEnumerable<SymbolSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        _byName = new Dictionary<string, SymbolSpec>(StringComparer.Ordinal);
        foreach (SymbolSpec spec in specs)
        {
            spec.Validate();
            if (!_byName.TryAdd(spec.Name, spec))
            {
                throw new ArgumentException($"symbol {spec.Name} is listed twice", nameof(specs));
            }
        }
    }

    public static SymbolCatalog Defaults { get; } = LoadEmbedded();

    public IReadOnlyCollection<SymbolSpec> All => _byName.Values;

    public SymbolSpec this[string name] =>
        _byName.TryGetValue(name, out SymbolSpec? spec)
            ? spec
            : throw new KeyNotFoundException(
                $"unknown symbol '{name}'; the catalog has {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}");

    public bool TryGet(string name, out SymbolSpec spec)
    {
        bool found = _byName.TryGetValue(name, out SymbolSpec? value);
        spec = value!;
        return found;
    }

    /// <summary>A catalog with the spec added or replaced.</summary>
    public SymbolCatalog With(SymbolSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new SymbolCatalog(_byName.Values.Where(s => s.Name != spec.Name).Append(spec));
    }

    public static SymbolCatalog Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a JSON array of specs; errors name <paramref name="source"/>, the symbol and the field.</summary>
    public static SymbolCatalog Parse(string json, string source)
    {
        List<SymbolSpecDocument>? documents;
        try
        {
            documents = JsonSerializer.Deserialize<List<SymbolSpecDocument>>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: line {e.LineNumber + 1}: {e.Message}", e);
        }

        if (documents is null)
        {
            throw new FormatException($"{source}: expected a JSON array of symbol specs");
        }

        return new SymbolCatalog(documents.Select((d, i) => d.ToSpec(source, i)));
    }

    private static SymbolCatalog LoadEmbedded()
    {
        using Stream stream = typeof(SymbolCatalog).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException($"embedded resource {EmbeddedName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), EmbeddedName);
    }
}
