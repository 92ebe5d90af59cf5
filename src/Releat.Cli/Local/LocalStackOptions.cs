namespace Releat.Cli.Local;

/// <summary>How `releat start` runs the stack: which agent, how fast the simulated market plays, where Redis listens.</summary>
internal sealed record LocalStackOptions(string Home, string AgentId, double Speed, int RedisPort, ulong Seed)
{
    /// <summary>
    /// The simulated market starts on the Monday after the demo agent's data (2024-01-08..27), before the London
    /// session opens, so the features warm up on unseen ticks and the first trades come minutes after start.
    /// </summary>
    public static readonly DateTime MarketStart = new(2024, 1, 29, 6, 40, 0, DateTimeKind.Utc);
}
