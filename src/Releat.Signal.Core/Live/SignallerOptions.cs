using Microsoft.Extensions.Logging;
using Releat.Signal.Core.Telemetry;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Live;

/// <summary>What a <see cref="LiveAgentSignaller"/> reports to and how old a decision may be to publish.</summary>
public sealed record SignallerOptions
{
    /// <summary>Decisions older than this relative to the newest tick are not published; the agent's trading.stale_signal_age when null.</summary>
    public TimeSpan? StaleSignalAge { get; init; }

    public SignalMetrics? Metrics { get; init; }

    /// <summary>Each published signal (Information, with its CorrelationId), swaps and bus problems.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Called with each signal after the bus took it, on the decision thread (keep it short).</summary>
    public Action<V1.Signal>? Published { get; init; }
}
