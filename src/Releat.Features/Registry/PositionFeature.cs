namespace Releat.Features.Registry;

/// <summary>One agent-state value, resolved from its config name once so encoding per decision compares no strings.</summary>
public enum PositionFeature
{
    /// <summary>Signed position in units over the maximum position.</summary>
    Position,

    /// <summary>Open profit in pips over the stop distance.</summary>
    UnrealisedPnl,

    /// <summary>Time in the position over the maximum holding time.</summary>
    HoldTime,
}
