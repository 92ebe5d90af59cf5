using Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// Which of a signal's three decisions fits the position the trader actually holds: the main one when it holds what
/// the signal assumed (same side, or both flat), the flat variant when the trader is flat but the signal assumed a
/// position, the hedge variant when the trader holds the side opposite to the assumed one. A signal that assumed flat
/// while the trader holds a position has no fitting decision.
/// </summary>
internal static class DecisionChoice
{
    public static PolicyDecision? Pick(Signal signal, double heldSignedLots)
    {
        int held = Math.Sign(heldSignedLots);
        int assumed = Math.Sign(signal.PositionVolume);
        if (held == assumed)
        {
            return signal.Decision;
        }

        if (held == 0)
        {
            return signal.FlatDecision;
        }

        return assumed == -held ? signal.HedgeDecision : null;
    }
}
