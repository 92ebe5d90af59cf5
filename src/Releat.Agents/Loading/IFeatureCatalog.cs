using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>
/// The features an agent may name, by group kind and data source. The feature engine's registry implements it, so
/// a config naming an unknown feature (or a tick feature on candle data) fails on load, at the feature's line.
/// </summary>
public interface IFeatureCatalog
{
    /// <summary>Null when <paramref name="feature"/> can be computed for this group kind and source; otherwise why not.</summary>
    string? Check(FeatureGroupKind kind, DataSourceKind source, string feature);
}
