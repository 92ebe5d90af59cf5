using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Live;

/// <summary>A decided signal the bus could not take (unreachable), kept to publish when it is back, unless stale by then.</summary>
/// <param name="ArrivalTimestamp">Stopwatch timestamp of the tick that closed the decision (latency is measured from it).</param>
internal readonly record struct UnsentSignal(V1.Signal Signal, long DecisionTimeMs, long ArrivalTimestamp);
