using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Releat.Signal.Core.Live;

namespace Releat.Signal.Core.Telemetry;

/// <summary>
/// The signal service's instruments, meter "Releat.Signal" (exported on /metrics by the service defaults), by agent:
/// ticks, late ticks and catch-up ticks, decisions, signals published and publish failures, the latency from a
/// tick's arrival to its signal's publication, checkpoint swaps and failures, and the checkpoint deciding now.
/// Per-tick counts are plain fields of each signaller read at collection time, so ticks pay nothing for them.
/// </summary>
public sealed class SignalMetrics : IDisposable
{
    public const string MeterName = "Releat.Signal";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, LiveAgentSignaller> _signallers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Agent, string Checkpoint), bool> _checkpointsSeen = new();
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _swaps;
    private readonly Counter<long> _checkpointFailures;
    private readonly ConcurrentDictionary<string, bool> _deployable = new(StringComparer.Ordinal);

    public SignalMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableCounter("releat.signal.ticks", () => Observe(s => s.Ticks), "{tick}", "Ticks fed to the feature engine, live and from history");
        _meter.CreateObservableCounter("releat.signal.late_ticks", () => Observe(s => s.LateTicks), "{tick}", "Ticks stamped before an already closed decision (dropped)");
        _meter.CreateObservableCounter("releat.signal.catch_up_ticks", () => Observe(s => s.CatchUpTicks), "{tick}", "Ticks fed from history after a start or reconnect");
        _meter.CreateObservableCounter("releat.signal.decisions", () => Observe(s => s.Decisions), "{decision}", "Decisions the feature engine closed with an observation");
        _meter.CreateObservableCounter("releat.signal.stale_decisions", () => Observe(s => s.StaleDecisions), "{decision}", "Decisions not published because they were older than the stale age (catching up)");
        _published = _meter.CreateCounter<long>("releat.signal.published", "{signal}", "Signals the bus took");
        _publishFailures = _meter.CreateCounter<long>("releat.signal.publish_failures", "{signal}", "Signals dropped because the bus was unreachable");
        _latency = _meter.CreateHistogram<double>("releat.signal.decision.latency", "s", "From the arrival of the tick that closed a decision to its signal on the bus");
        _swaps = _meter.CreateCounter<long>("releat.signal.checkpoint.swaps", "{checkpoint}", "Checkpoints swapped in");
        _checkpointFailures = _meter.CreateCounter<long>("releat.signal.checkpoint.failures", "{checkpoint}", "Checkpoints refused (unreadable, or not fitting the live features); the old policy kept deciding");
        _meter.CreateObservableGauge("releat.signal.deployable", ObserveDeployable, null,
            "1 while an agent trades a checkpoint it may trade, 0 while it stays flat for want of one that beat flat on validation");
        _meter.CreateObservableGauge("releat.signal.checkpoint", ObserveCheckpoints, null, "1 for the checkpoint each agent decides with, 0 for those it decided with before");
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>Reports a signaller's counts (the latest one of an agent replaces an earlier one).</summary>
    public void Track(LiveAgentSignaller signaller)
    {
        ArgumentNullException.ThrowIfNull(signaller);
        _signallers[signaller.AgentId] = signaller;
        _checkpointsSeen[(signaller.AgentId, signaller.Policy.CheckpointId)] = true;
    }

    /// <summary>Whether the agent has a checkpoint it may trade (false: it stays flat and the log says why).</summary>
    public void Deployable(string agentId, bool deployable) => _deployable[agentId] = deployable;

    public void CheckpointFailed(string agentId) => _checkpointFailures.Add(1, Agent(agentId));

    internal void Swapped(string agentId, string checkpointId)
    {
        _checkpointsSeen[(agentId, checkpointId)] = true;
        _swaps.Add(1, Agent(agentId));
    }

    internal void Published(string agentId, TimeSpan latency)
    {
        _published.Add(1, Agent(agentId));
        _latency.Record(latency.TotalSeconds, Agent(agentId));
    }

    internal void PublishFailed(string agentId) => _publishFailures.Add(1, Agent(agentId));

    private static KeyValuePair<string, object?> Agent(string agentId) => new("agent", agentId);

    private IEnumerable<Measurement<long>> Observe(Func<LiveAgentSignaller, long> count)
    {
        foreach (LiveAgentSignaller signaller in _signallers.Values)
        {
            yield return new Measurement<long>(count(signaller), Agent(signaller.AgentId));
        }
    }

    private IEnumerable<Measurement<int>> ObserveDeployable()
    {
        foreach ((string agent, bool deployable) in _deployable)
        {
            yield return new Measurement<int>(deployable ? 1 : 0, Agent(agent));
        }
    }

    /// <summary>The current checkpoint as 1 and earlier ones as 0: an exported series stays once seen, so a swap must zero it.</summary>
    private IEnumerable<Measurement<int>> ObserveCheckpoints()
    {
        foreach (((string agent, string checkpoint), _) in _checkpointsSeen)
        {
            bool current = _signallers.TryGetValue(agent, out LiveAgentSignaller? signaller)
                && string.Equals(signaller.Policy.CheckpointId, checkpoint, StringComparison.Ordinal);
            yield return new Measurement<int>(current ? 1 : 0, Agent(agent), new KeyValuePair<string, object?>("checkpoint", checkpoint));
        }
    }
}
