using Releat.Features.Drivers;

namespace Releat.Signal.Core.Live;

/// <summary>
/// A decision the feature engine closed during a tick, kept until it is decided and published after the tick: its
/// raw observation (copied, the engine reuses its buffer), the window to mark a position at, and the tick that closed it.
/// Reused from decision to decision.
/// </summary>
internal sealed class PendingDecision(int width)
{
    public float[] Raw { get; } = new float[width];

    public long DecisionTimeMs { get; set; }

    /// <summary>The last tick that went into the features before the decision closed.</summary>
    public long FeatureTimeMs { get; set; }

    public ExecutionRange PreviousWindow { get; set; }

    public bool HasPreviousWindow { get; set; }

    /// <summary>The tick whose arrival closed the decision: its symbol (plan order), time and Stopwatch arrival.</summary>
    public int ClosingSymbol { get; set; }

    public long ClosingTickMs { get; set; }

    public long ArrivalTimestamp { get; set; }

    /// <summary>When the gateway received the closing tick (Unix µs), 0 when it did not say.</summary>
    public long GatewayArrivalUs { get; set; }
}
