namespace Releat.Signal.Core.Feeds;

/// <summary>How an <see cref="AgentTickFeed"/> catches up and reconnects.</summary>
public sealed record TickFeedOptions
{
    /// <summary>
    /// History fetched before the first live tick beyond the plan's lookback on a fresh start, so the first bars have
    /// the price in force before them and the engine is warm when live ticks begin.
    /// </summary>
    public TimeSpan CatchUpMargin { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Wait this long after the first live tick before reading history, while live ticks are buffered: the gateway
    /// writes its tick store about once a second, and the history must reach the first live tick.
    /// </summary>
    public TimeSpan CatchUpDelay { get; init; } = TimeSpan.FromSeconds(1.5);

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Subscribe again when the feed ends normally (a gateway that restarted); false returns instead (a finished replay).</summary>
    public bool ReconnectWhenEnded { get; init; } = true;
}
