namespace Releat.MarketData.Tests;

/// <summary>The seed every property here starts from, so a run draws the same cases and a failure replays identically.</summary>
internal static class PropertySeed
{
    /// <summary>FsCheck's (seed, gamma); the gamma must be odd.</summary>
    public const string Replay = "(20240304,11400714819323198485)";
}
