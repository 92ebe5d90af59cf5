namespace Releat.Agents.Config;

/// <summary>What the agent's raw data is: recorded ticks, or candles when ticks are not available.</summary>
public enum DataSourceKind
{
    Ticks,
    Candles,
}
