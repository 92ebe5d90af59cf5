using System.Diagnostics;
using Releat.Contracts.Tracing;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// One signal's part of the live path at the trader: the hop from the bus (handed over by the signal service to taken
/// here) when it is taken, the hop to its first order when that is sent, the matching spans under the decision's trace,
/// and what every order of the batch carries on to the gateway (when it was sent, the trader's span).
/// </summary>
internal sealed class SignalTiming
{
    private readonly long _receivedUs;
    private readonly ActivityContext _decision;
    private readonly string _correlationId;
    private string? _traceParent;

    public SignalTiming(V1.Signal signal, long receivedUs)
    {
        _receivedUs = receivedUs;
        _correlationId = signal.CorrelationId;
        LiveHops.Record(LiveHops.SignalDelivery, signal.PublishingUs, receivedUs);
        if (LiveTrace.IsOn)
        {
            _decision = LiveTrace.Parse(signal.TraceParent);
            if (_decision != default)
            {
                LiveTrace.HopSpan("signal delivery", _decision, signal.PublishingUs, receivedUs, _correlationId);
            }
        }
    }

    /// <summary>The send time and traceparent for an order about to go; the first of the batch ends the trader's hop.</summary>
    public (long SentUs, string TraceParent) Sending()
    {
        long sent = WallClock.UnixMicroseconds();
        if (_traceParent is null)
        {
            LiveHops.Record(LiveHops.Trader, _receivedUs, sent);
            _traceParent = _decision == default
                ? ""
                : LiveTrace.TraceParent(LiveTrace.HopSpan("trader", _decision, _receivedUs, sent, _correlationId));
        }

        return (sent, _traceParent);
    }
}
