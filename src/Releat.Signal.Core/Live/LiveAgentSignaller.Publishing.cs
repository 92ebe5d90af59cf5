using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Releat.SignalBus;
using Releat.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core;

/// <summary>Deciding a closed decision in its three variants and publishing the signal.</summary>
public sealed partial class LiveAgentSignaller
{
    private float[]? _market;
    private PolicyChoice[] _choices = [];
    private V1.TraderHolding? _lastHolding;
    private long _published;
    private long _publishFailures;

    /// <summary>Signals handed to the bus.</summary>
    public long SignalsPublished => Volatile.Read(ref _published);

    /// <summary>Signals the bus could not take (it was unreachable).</summary>
    public long PublishFailures => Volatile.Read(ref _publishFailures);

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

    private async ValueTask PublishPendingAsync(CancellationToken cancellation)
    {
        try
        {
            for (int i = 0; i < _pendingCount; i++)
            {
                PendingDecision pending = _pending[i];
                AgentPolicy policy = Volatile.Read(ref _policy);
                V1.TraderHolding? holding = await ReadHoldingAsync(cancellation).ConfigureAwait(false);
                V1.Signal signal = Decide(policy, pending, holding);
                signal.LatencyUs = Stopwatch.GetElapsedTime(pending.ArrivalTimestamp).Ticks / TimeSpan.TicksPerMicrosecond;
                await PublishAsync(signal, pending, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            _pendingCount = 0;
        }
    }

    private async Task PublishAsync(V1.Signal signal, PendingDecision pending, CancellationToken cancellation)
    {
        try
        {
            await _bus.PublishAsync(signal, cancellation).ConfigureAwait(false);
        }
        catch (SignalBusUnavailableException e)
        {
            // The decision goes stale within seconds: drop it rather than queue it; the next one carries on.
            Volatile.Write(ref _publishFailures, _publishFailures + 1);
            _options.Metrics?.PublishFailed(AgentId);
            if (_options.Logger is { } failed)
            {
                LogPublishFailed(failed, signal.CorrelationId, AgentId, e.Message);
            }

            return;
        }

        Volatile.Write(ref _published, _published + 1);
        _options.Metrics?.Published(AgentId, Stopwatch.GetElapsedTime(pending.ArrivalTimestamp));
        if (_options.Logger is { } logger)
        {
            LogPublished(logger, signal.CorrelationId, AgentId, new MarketTime(pending.DecisionTimeMs), signal.Decision.ActionName, signal.PositionVolume, signal.CheckpointId, signal.LatencyUs);
        }

        _options.Published?.Invoke(signal);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signal {CorrelationId} of {AgentId} not published, the bus is unreachable: {Problem}")]
    private static partial void LogPublishFailed(ILogger logger, string correlationId, string agentId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Holding of {AgentId} unreadable, deciding with the last one known: {Problem}")]
    private static partial void LogHoldingUnavailable(ILogger logger, string agentId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint of {AgentId} swapped from {Previous} to {Checkpoint} ({Source})")]
    private static partial void LogSwapped(ILogger logger, string agentId, string previous, string checkpoint, string source);
}
