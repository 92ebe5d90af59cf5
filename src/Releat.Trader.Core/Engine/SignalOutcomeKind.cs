namespace Releat.Trader.Core.Engine;

public enum SignalOutcomeKind
{
    /// <summary>Orders were sent (and journaled).</summary>
    Acted,

    /// <summary>The decision was to hold: nothing to send.</summary>
    Held,

    /// <summary>A rule refused it; the reason says which.</summary>
    Rejected,

    /// <summary>Already handled (journaled) before: a redelivery or a duplicate publication. Nothing was sent again.</summary>
    Duplicate,
}
