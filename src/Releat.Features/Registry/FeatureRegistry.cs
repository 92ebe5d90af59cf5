namespace Releat.Features.Registry;

/// <summary>
/// Every feature an agent may name, by name: the built-ins plus any registered plug-ins. It is the
/// <see cref="Agents.Loading.IFeatureCatalog"/> the config loader checks names against.
/// </summary>
public sealed class FeatureRegistry : Agents.Loading.IFeatureCatalog
{
    private readonly Dictionary<string, IBarFeature> _bars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ITimeFeature> _times = new(StringComparer.Ordinal);

    /// <summary>A registry holding the built-in features.</summary>
    public FeatureRegistry()
    {
        foreach (IBarFeature feature in BuiltInBarFeatures.All)
        {
            Register(feature);
        }

        Register(CyclicTimeFeature.TimeOfDay);
        Register(CyclicTimeFeature.TimeOfWeek);
    }

    public IReadOnlyCollection<string> BarFeatureNames => _bars.Keys;

    public IReadOnlyCollection<string> TimeFeatureNames => _times.Keys;

    public void Register(IBarFeature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (!_bars.TryAdd(feature.Name, feature))
        {
            throw new ArgumentException($"a bar feature named '{feature.Name}' is already registered", nameof(feature));
        }
    }

    public void Register(ITimeFeature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        if (!_times.TryAdd(feature.Name, feature))
        {
            throw new ArgumentException($"a time feature named '{feature.Name}' is already registered", nameof(feature));
        }
    }

    public IBarFeature BarFeature(string name) =>
        _bars.TryGetValue(name, out IBarFeature? feature)
            ? feature
            : throw new KeyNotFoundException($"no bar feature named '{name}' is registered");

    public ITimeFeature TimeFeature(string name) =>
        _times.TryGetValue(name, out ITimeFeature? feature)
            ? feature
            : throw new KeyNotFoundException($"no time feature named '{name}' is registered");

    public string? Check(Agents.Config.FeatureGroupKind kind, Agents.Config.DataSourceKind source, string feature) => kind switch
    {
        Agents.Config.FeatureGroupKind.Bars when _bars.TryGetValue(feature, out IBarFeature? bar) =>
            source == Agents.Config.DataSourceKind.Candles && !bar.WorksOnCandles
                ? $"'{feature}' needs ticks; on candles use one of {Known(_bars.Values.Where(b => b.WorksOnCandles).Select(b => b.Name))}"
                : null,
        Agents.Config.FeatureGroupKind.Bars => Unknown(feature, "bars", _bars.Keys),
        Agents.Config.FeatureGroupKind.Time => _times.ContainsKey(feature) ? null : Unknown(feature, "time", _times.Keys),
        Agents.Config.FeatureGroupKind.Position => PositionFeatures.Names.Contains(feature) ? null : Unknown(feature, "position", PositionFeatures.Names),
        _ => $"unknown group kind {kind}",
    };

    private static string Unknown(string feature, string kind, IEnumerable<string> known) =>
        $"unknown feature '{feature}' for a {kind} group; known: {Known(known)}";

    private static string Known(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
