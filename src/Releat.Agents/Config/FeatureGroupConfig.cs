using Releat.Agents.Loading;

namespace Releat.Agents.Config;

/// <summary>
/// One group of features that share a bar timeframe and lag count (for bars) and one transform recipe. The model
/// gives each group its own encoder. Lag k is the bar [T - (k+1)·timeframe, T - k·timeframe) for decision time T.
/// </summary>
public sealed record FeatureGroupConfig(
    string Name,
    FeatureGroupKind Kind,
    string Symbol,
    TimeSpan Timeframe,
    int Lags,
    IReadOnlyList<string> Features,
    TransformConfig Transform,
    SourceLocation Location)
{
    public long TimeframeMs => (long)Timeframe.TotalMilliseconds;
}
