namespace Releat.Features;

/// <summary>
/// The agent's own state, which market data cannot give: the environment (training) and the trader (live) append
/// these after the market observation, scaled to about [-1, 1]. The engine and the dataset leave them out.
/// </summary>
public static class PositionFeatures
{
    /// <summary>Signed position in units over the maximum position.</summary>
    public const string Position = "position";

    /// <summary>Open profit in pips over the stop distance.</summary>
    public const string UnrealisedPnl = "unrealised_pnl";

    /// <summary>Time in the position over the maximum holding time.</summary>
    public const string HoldTime = "hold_time";

    public static IReadOnlyList<string> Names { get; } = [Position, UnrealisedPnl, HoldTime];

    /// <summary>Writes the named features in order (one value each).</summary>
    public static void Encode(
        IReadOnlyList<string> names, int positionUnits, int maxPosition, double unrealisedPips, double stopPips,
        TimeSpan held, TimeSpan maxHold, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (int i = 0; i < names.Count; i++)
        {
            destination[i] = names[i] switch
            {
                Position => (float)((double)positionUnits / Math.Max(1, maxPosition)),
                UnrealisedPnl => (float)Math.Clamp(unrealisedPips / Math.Max(stopPips, 1e-9), -5, 5),
                HoldTime => (float)Math.Clamp(held / (maxHold > TimeSpan.Zero ? maxHold : TimeSpan.FromDays(1)), 0, 1),
                _ => throw new ArgumentException($"'{names[i]}' is not a position feature ({string.Join(", ", Names)})", nameof(names)),
            };
        }
    }
}
