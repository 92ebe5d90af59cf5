namespace Releat.Trading;

/// <summary>Environment choices that are not part of the agent config (they shape learning, not trading).</summary>
public sealed record TradingEnvironmentOptions
{
    /// <summary>
    /// Reward every step with the change in the position's marked value (plus realised profit net of commission),
    /// instead of only at the close. The sums over an episode agree; the per-step form gives denser credit.
    /// </summary>
    public bool MarkToMarketReward { get; init; }

    /// <summary>
    /// Probability that a new episode replays the start of a recent poor episode (one whose return fell below the
    /// running mean of episode returns), so the agent practises where it did badly. 0 turns it off.
    /// </summary>
    public double RepeatPoorEpisodes { get; init; }
}
