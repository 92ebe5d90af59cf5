namespace Releat.Agents.Config;

/// <summary>
/// Bars: features of price bars with lags. Time: calendar features of the decision time. Position: the agent's own
/// state (position, open profit, time held), supplied by the environment or the trader rather than by market data.
/// </summary>
public enum FeatureGroupKind
{
    Bars,
    Time,
    Position,
}
