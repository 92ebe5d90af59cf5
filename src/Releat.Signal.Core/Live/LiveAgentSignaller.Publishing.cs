using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Releat.Contracts.Tracing;
using Releat.Signal.Core.Policy;
using Releat.SignalBus;
using Releat.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Live;

/// <summary>
/// Deciding a closed decision in its three variants and publishing the signal, once: a decision the bus already holds
/// (the newest signal on it is as recent: published before this process restarted, or by a publish whose answer was
/// lost) is not published again, and a signal the bus could not take is kept and tried again at the next tick, in
/// decision order, until it is published or stale by the agent's stale age (then dropped, and the log says so).
/// </summary>
public sealed partial class LiveAgentSignaller
{
    private readonly List<UnsentSignal> _unsent = [];
    private float[]? _market;
    private PolicyChoice[] _choices = [];
    private V1.TraderHolding? _lastHolding;
    private long _published;
    private long _publishFailures;
    private long _alreadyOnBus;
    private long _unsentStale;
    private long _lastOnBusMs = long.MinValue;
    private bool _lastOnBusKnown;

    /// <summary>Signals handed to the bus.</summary>
    public long SignalsPublished => Volatile.Read(ref _published);

    /// <summary>Attempts to publish that failed because the bus was unreachable (a signal may fail several times).</summary>
    public long PublishFailures => Volatile.Read(ref _publishFailures);

    /// <summary>Decisions not published because the bus already held them or a newer one.</summary>
    public long AlreadyOnBus => Volatile.Read(ref _alreadyOnBus);

    /// <summary>Decisions dropped because the bus stayed unreachable until they were stale.</summary>
    public long UnsentStale => Volatile.Read(ref _unsentStale);

    /// <summary>
    /// The signal for one decision: the policy's choice for the held position (from the trader's holding), as if flat,
    /// and hedged. Hedged is the opposite side with the same units, entry price and open time. When the agent is flat
    /// there is no side to oppose and all three are the flat decision (the trader picks the hedge variant only when it
    /// holds the side opposite to a position the signal assumed, never for a signal that assumed flat).
    /// </summary>
    internal V1.Signal Decide(AgentPolicy policy, PendingDecision pending, V1.TraderHolding? holding)
    {
        int actions = policy.Actions.Count;
        if (_choices.Length == 0 || _choices[0].ActionCount != actions)
        {
            _choices = [new PolicyChoice(actions), new PolicyChoice(actions), new PolicyChoice(actions)];
        }

        float[] market = _market ??= new float[pending.Raw.Length];
        policy.TransformMarket(pending.Raw, market);
        AgentPosition held = HoldingPosition.From(holding, pending.DecisionTimeMs, _plan);
        V1.PolicyDecision flat = DecideFor(policy, market, pending, AgentPosition.Flat, _choices[1]);
        V1.PolicyDecision hedge = held.IsFlat ? flat.Clone() : DecideFor(policy, market, pending, held with { Units = -held.Units }, _choices[2]);
        V1.PolicyDecision decision = held.IsFlat ? flat.Clone() : DecideFor(policy, market, pending, held, _choices[0]);
        return new V1.Signal
        {
            AgentId = AgentId,
            Symbol = Symbol,
            DecisionTime = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(pending.DecisionTimeMs)),
            Decision = decision,
            FlatDecision = flat,
            HedgeDecision = hedge,
            CheckpointId = policy.CheckpointId,
            FeatureTime = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(pending.FeatureTimeMs)),
            PositionVolume = held.IsFlat ? 0 : holding!.Lots,
            CorrelationId = $"{_plan.Symbols[pending.ClosingSymbol]}@{pending.ClosingTickMs}",
        };
    }

    /// <summary>
    /// The signal's latency and timing points up to its decision (the tick at the gateway and here, decided), and the
    /// hops that end here; the tick's arrival here is read back from the Stopwatch time since, so no tick pays for a
    /// clock reading.
    /// </summary>
    private static void StampDecided(V1.Signal signal, PendingDecision pending)
    {
        TimeSpan sinceTick = Stopwatch.GetElapsedTime(pending.ArrivalTimestamp);
        signal.LatencyUs = sinceTick.Ticks / TimeSpan.TicksPerMicrosecond;
        long decided = WallClock.UnixMicroseconds();
        signal.DecidedUs = decided;

        // Read back to the microsecond, the arrival here can land a microsecond before the gateway's stamp when both
        // are taken at once (the embedded path); a tick does not reach us before it reached the gateway.
        signal.TickAtSignalUs = Math.Max(decided - signal.LatencyUs, pending.GatewayArrivalUs);
        signal.TickAtGatewayUs = pending.GatewayArrivalUs;
        LiveHops.Record(LiveHops.TickDelivery, signal.TickAtGatewayUs, signal.TickAtSignalUs);
        LiveHops.Record(LiveHops.Decision, sinceTick);
    }

    /// <summary>
    /// The decision's spans (from the tick at the gateway, or here when the gateway did not stamp it, to the hand-over
    /// to the bus) and its traceparent on the signal, once: a signal kept for a bus that was away keeps its trace.
    /// </summary>
    private static void TraceDecision(V1.Signal signal)
    {
        if (!LiveTrace.IsOn || signal.TraceParent.Length > 0)
        {
            return;
        }

        long start = signal.TickAtGatewayUs > 0 ? signal.TickAtGatewayUs : signal.TickAtSignalUs;
        var decision = LiveTrace.HopSpan("decision", default, start, signal.PublishingUs, signal.CorrelationId);
        if (decision is null)
        {
            return;
        }

        LiveTrace.HopSpan("tick delivery", decision.Context, signal.TickAtGatewayUs, signal.TickAtSignalUs, signal.CorrelationId);
        LiveTrace.HopSpan("features and policy", decision.Context, signal.TickAtSignalUs, signal.DecidedUs, signal.CorrelationId);
        signal.TraceParent = LiveTrace.TraceParent(decision);
    }

    private async ValueTask PublishPendingAsync(CancellationToken cancellation)
    {
        try
        {
            await PublishUnsentAsync(cancellation).ConfigureAwait(false);
            for (int i = 0; i < _pendingCount; i++)
            {
                PendingDecision pending = _pending[i];
                AgentPolicy policy = Volatile.Read(ref _policy);
                V1.TraderHolding? holding = await ReadHoldingAsync(cancellation).ConfigureAwait(false);
                V1.Signal signal = Decide(policy, pending, holding);
                StampDecided(signal, pending);
                var decided = new UnsentSignal(signal, pending.DecisionTimeMs, pending.ArrivalTimestamp);

                // Behind a signal still waiting for the bus, a new one waits too: signals reach the bus in decision order.
                if (_unsent.Count > 0 || !await PublishAsync(decided, cancellation).ConfigureAwait(false))
                {
                    _unsent.Add(decided);
                }
            }
        }
        finally
        {
            _pendingCount = 0;
        }
    }

    /// <summary>Signals kept while the bus was unreachable, oldest first: the stale ones dropped, the rest published until one fails.</summary>
    private async Task PublishUnsentAsync(CancellationToken cancellation)
    {
        while (_unsent.Count > 0)
        {
            UnsentSignal next = _unsent[0];
            if (next.DecisionTimeMs < _newestTickMs - _staleMs)
            {
                Volatile.Write(ref _unsentStale, _unsentStale + 1);
                if (_options.Logger is { } logger)
                {
                    LogUnsentStale(logger, next.Signal.CorrelationId, AgentId, new MarketTime(next.DecisionTimeMs), _staleMs);
                }
            }
            else if (!await PublishAsync(next, cancellation).ConfigureAwait(false))
            {
                return;
            }

            _unsent.RemoveAt(0);
        }
    }

    /// <summary>Publishes a signal unless the bus holds it already; false when the bus could not be reached.</summary>
    private async Task<bool> PublishAsync(UnsentSignal decided, CancellationToken cancellation)
    {
        V1.Signal signal = decided.Signal;
        try
        {
            if (!_lastOnBusKnown)
            {
                V1.Signal? latest = await _bus.ReadLatestAsync(AgentId, cancellation).ConfigureAwait(false);
                if (latest?.DecisionTime is { } time)
                {
                    _lastOnBusMs = Math.Max(_lastOnBusMs, time.ToDateTimeOffset().ToUnixTimeMilliseconds());
                }

                _lastOnBusKnown = true;
            }

            if (decided.DecisionTimeMs <= _lastOnBusMs)
            {
                Volatile.Write(ref _alreadyOnBus, _alreadyOnBus + 1);
                if (_options.Logger is { } known)
                {
                    LogAlreadyOnBus(known, AgentId, new MarketTime(decided.DecisionTimeMs), new MarketTime(_lastOnBusMs));
                }

                return true;
            }

            signal.PublishingUs = WallClock.UnixMicroseconds();
            TraceDecision(signal);
            await _bus.PublishAsync(signal, cancellation).ConfigureAwait(false);
            LiveHops.Record(LiveHops.Publish, signal.PublishingUs, WallClock.UnixMicroseconds());
            _lastOnBusMs = decided.DecisionTimeMs;
        }
        catch (SignalBusUnavailableException e)
        {
            // A publish cut off may still have reached Redis: ask the bus what it holds before trying again.
            _lastOnBusKnown = false;
            Volatile.Write(ref _publishFailures, _publishFailures + 1);
            _options.Metrics?.PublishFailed(AgentId);
            if (_options.Logger is { } failed)
            {
                LogPublishFailed(failed, signal.CorrelationId, AgentId, e.Message);
            }

            return false;
        }

        Volatile.Write(ref _published, _published + 1);
        _options.Metrics?.Published(AgentId, Stopwatch.GetElapsedTime(decided.ArrivalTimestamp));
        if (_options.Logger is { } logger)
        {
            LogPublished(logger, signal.CorrelationId, AgentId, new MarketTime(decided.DecisionTimeMs), signal.Decision.ActionName, signal.PositionVolume, signal.CheckpointId, signal.LatencyUs);
        }

        _options.Published?.Invoke(signal);
        return true;
    }

    /// <summary>The trader's holding; while the bus is unreachable, the last one read.</summary>
    private async Task<V1.TraderHolding?> ReadHoldingAsync(CancellationToken cancellation)
    {
        try
        {
            _lastHolding = await _bus.ReadHoldingAsync(AgentId, cancellation).ConfigureAwait(false);
        }
        catch (SignalBusUnavailableException e) when (_options.Logger is { } logger)
        {
            LogHoldingUnavailable(logger, AgentId, e.Message);
        }
        catch (SignalBusUnavailableException)
        {
            // Decide with the last holding known; publishing will say whether the bus is back.
        }

        return _lastHolding;
    }

    private static V1.PolicyDecision DecideFor(AgentPolicy policy, ReadOnlySpan<float> market, PendingDecision pending, in AgentPosition position, PolicyChoice choice)
    {
        double openPips = pending.HasPreviousWindow ? AgentObservation.OpenPips(position, pending.PreviousWindow, policy.Rules.PipSize) : 0;
        policy.Decide(market, pending.DecisionTimeMs, position, openPips, choice);
        return choice.ToContract(policy.Actions);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Signal {CorrelationId}: {AgentId} at {DecisionTime} {ActionName} holding {PositionVolume} lots, checkpoint {CheckpointId}, {LatencyUs} µs")]
    private static partial void LogPublished(
        ILogger logger, string correlationId, string agentId, MarketTime decisionTime, string actionName, double positionVolume, string checkpointId, long latencyUs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signal {CorrelationId} of {AgentId} not published, the bus is unreachable (kept to try again until stale): {Problem}")]
    private static partial void LogPublishFailed(ILogger logger, string correlationId, string agentId, string problem);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Signal {CorrelationId} of {AgentId} decided at {DecisionTime} dropped: the bus stayed unreachable until it was older than the stale age of {StaleMs} ms")]
    private static partial void LogUnsentStale(ILogger logger, string correlationId, string agentId, MarketTime decisionTime, long staleMs);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Decision of {AgentId} at {DecisionTime} not published again: the bus holds its signal of {OnBus} (published before a restart, or a publish whose answer was lost)")]
    private static partial void LogAlreadyOnBus(ILogger logger, string agentId, MarketTime decisionTime, MarketTime onBus);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Decisions of {AgentId} from {First} to {Last} ({Count}) not published: older than the stale age of {StaleMs} ms behind the newest tick at {Newest}")]
    private static partial void LogStaleRun(ILogger logger, string agentId, MarketTime first, MarketTime last, long count, MarketTime newest, long staleMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holding of {AgentId} unreadable, deciding with the last one known: {Problem}")]
    private static partial void LogHoldingUnavailable(ILogger logger, string agentId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint of {AgentId} swapped from {Previous} to {Checkpoint} ({Source})")]
    private static partial void LogSwapped(ILogger logger, string agentId, string previous, string checkpoint, string source);
}
