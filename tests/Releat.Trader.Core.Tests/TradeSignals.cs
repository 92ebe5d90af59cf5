using Releat.Contracts.V1;
using Releat.MarketData.Time;

namespace Releat.Trader.Core.Tests;

/// <summary>Signals as the signal service would publish them for the test agent (actions of max_units 2).</summary>
internal static class TradeSignals
{
    /// <summary>Monday 2024-01-08 09:00:03 UTC, a decision time on t00001's grid.</summary>
    public static readonly long Start = UtcTime.FromParts(2024, 1, 8, 9, 0, 3, 0);

    // Action indices of ActionSpaceConfig(2): hold, then per size open_long, close_long, open_short, close_short.
    public const int Hold = 0;
    public const int OpenLong1 = 1;
    public const int CloseLong1 = 2;
    public const int OpenShort1 = 3;
    public const int CloseShort1 = 4;
    public const int OpenLong2 = 5;
    public const int CloseLong2 = 6;
    public const int OpenShort2 = 7;
    public const int CloseShort2 = 8;

    public static Signal At(long decisionMs, int action, string agent = "t1", double assumedLots = 0) => new()
    {
        AgentId = agent,
        Symbol = "EURUSD",
        DecisionTime = ContractTime.ToTimestamp(decisionMs),
        Decision = new PolicyDecision { Action = action },
        PositionVolume = assumedLots,
        CheckpointId = "test",
    };

    /// <summary>The n-th decision, 10 s apart from <see cref="Start"/>.</summary>
    public static Signal Nth(int n, int action, string agent = "t1", double assumedLots = 0) => At(Start + (n * 10_000L), action, agent, assumedLots);

    public static long TimeOf(int n) => Start + (n * 10_000L);
}
