using Releat.Features.Store;

namespace Releat.Features.Registry;

/// <summary>
/// The agent's own state, which market data cannot give: the environment (training) and the trader (live) append
/// these after the market observation, scaled to about [-1, 1]. The engine and the dataset leave them out. Both
/// sides call the same <see cref="Encode(ReadOnlySpan{PositionFeature}, int, int, double, double, long, long, Span{float})"/>,
/// so the policy sees the same numbers in training and live.
/// </summary>
public static class PositionFeatures
{
    /// <summary>Signed position in units over the maximum position.</summary>
    public const string Position = "position";

    /// <summary>Open profit in pips over the stop distance.</summary>
    public const string UnrealisedPnl = "unrealised_pnl";

    /// <summary>Time in the position over the maximum holding time.</summary>
    public const string HoldTime = "hold_time";

    /// <summary>The open profit is scaled by this many pips when the agent has no stop (stop_pips 0).</summary>
    public const double PipsScaleWithoutStop = 10;

    public static IReadOnlyList<string> Names { get; } = [Position, UnrealisedPnl, HoldTime];

    /// <summary>
    /// Resolves config names ("hold_time") or dataset column names ("position.hold_time", as
    /// <see cref="DatasetMetadata.AgentStateColumns"/> lists them) to features, once, outside the decision loop.
    /// </summary>
    public static PositionFeature[] Resolve(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var features = new PositionFeature[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            string name = names[i];
            string feature = name[(name.LastIndexOf('.') + 1)..];
            features[i] = feature switch
            {
                Position => PositionFeature.Position,
                UnrealisedPnl => PositionFeature.UnrealisedPnl,
                HoldTime => PositionFeature.HoldTime,
                _ => throw new ArgumentException($"'{name}' is not a position feature ({string.Join(", ", Names)})", nameof(names)),
            };
        }

        return features;
    }

    /// <summary>Writes the named features in order (one value each).</summary>
    public static void Encode(
        IReadOnlyList<string> names, int positionUnits, int maxPosition, double unrealisedPips, double stopPips,
        TimeSpan held, TimeSpan maxHold, Span<float> destination) =>
        Encode(Resolve(names), positionUnits, maxPosition, unrealisedPips, stopPips,
            (long)held.TotalMilliseconds, (long)maxHold.TotalMilliseconds, destination);

    /// <summary>
    /// Writes the features in order, one value each, allocating nothing: position units / max position, open pips /
    /// stop pips clipped to ±5, held time / max hold clipped to [0, 1] (a day when there is no max hold).
    /// </summary>
    public static void Encode(
        ReadOnlySpan<PositionFeature> features, int positionUnits, int maxPosition, double unrealisedPips, double stopPips,
        long heldMs, long maxHoldMs, Span<float> destination)
    {
        for (int i = 0; i < features.Length; i++)
        {
            destination[i] = features[i] switch
            {
                PositionFeature.Position => (float)((double)positionUnits / Math.Max(1, maxPosition)),
                PositionFeature.UnrealisedPnl => (float)Math.Clamp(unrealisedPips / (stopPips > 0 ? stopPips : PipsScaleWithoutStop), -5, 5),
                _ => (float)Math.Clamp((double)heldMs / (maxHoldMs > 0 ? maxHoldMs : 86_400_000L), 0, 1),
            };
        }
    }
}
