using Google.Protobuf.WellKnownTypes;
using Releat.Contracts.V1;

namespace Releat.SignalBus.Tests;

internal static class TestSignals
{
    public static readonly DateTime Start = new(2024, 1, 8, 9, 0, 3, DateTimeKind.Utc);

    /// <summary>The n-th decision of an agent, 10 seconds apart, its action index n mod 9.</summary>
    public static Signal For(string agent, int n) => new()
    {
        AgentId = agent,
        Symbol = "EURUSD",
        DecisionTime = Timestamp.FromDateTime(Start.AddSeconds(10 * n)),
        Decision = new PolicyDecision { Action = n % 9, ActionName = "n" + n },
        CheckpointId = "ckpt",
    };

    public static int Number(Signal signal) => (int)((signal.DecisionTime.ToDateTime() - Start).TotalSeconds / 10);
}
