namespace Releat.Agents.Config;

/// <summary>
/// What a bar with no ticks shows. FillForward: a flat bar at the last known price and spread (no ticks, no slope);
/// Zero: every feature of the bar is 0.
/// </summary>
public enum EmptyBarFill
{
    FillForward,
    Zero,
}
