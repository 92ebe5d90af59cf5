using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

/// <summary>What the trader did with a signal: acted (with the gateway's answers), held, rejected and why, or nothing (duplicate).</summary>
public sealed record SignalOutcome(SignalOutcomeKind Kind, string Reason, IReadOnlyList<V1.OrderResult> Orders)
{
    public static SignalOutcome Duplicate { get; } = new(SignalOutcomeKind.Duplicate, "", []);

    public static SignalOutcome Rejected(string reason) => new(SignalOutcomeKind.Rejected, reason, []);
}
