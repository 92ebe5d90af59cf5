using System.Diagnostics;

namespace Releat.Contracts.Tracing;

/// <summary>
/// One trace per decision, from tick to fill, with a span per hop (the hops of <see cref="LiveHops"/>). The live path
/// is measured as it runs and its spans are written afterwards with the times already taken, so tracing changes
/// nothing on the path: with no listener (no OpenTelemetry tracer for <see cref="SourceName"/>, or none configured to
/// export) <see cref="HopSpan"/> returns at its first check and allocates nothing. The context travels in the messages
/// (Signal.trace_parent, OrderRequest.trace_parent), since a bus entry and an order on a long-lived session call have
/// no per-message headers. Spans: "decision" (the tick at the gateway to the signal handed to the bus) with
/// "tick delivery" and "features and policy" under it; under the decision, the trader's "signal delivery" and
/// "trader"; under the trader's span, the gateway's "order delivery" and "broker".
/// </summary>
public static class LiveTrace
{
    public const string SourceName = "Releat.Live";

    public const string CorrelationTag = "releat.correlation_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Whether anyone listens: callers skip building what only a span needs.</summary>
    public static bool IsOn => Source.HasListeners();

    /// <summary>
    /// A span for a hop already over, from and to <see cref="WallClock"/> readings, under <paramref name="parent"/>
    /// (a new trace when it is default); null when tracing is off or the start is unknown.
    /// </summary>
    public static Activity? HopSpan(string name, ActivityContext parent, long fromUnixMicroseconds, long toUnixMicroseconds, string correlationId)
    {
        if (!Source.HasListeners() || fromUnixMicroseconds <= 0)
        {
            return null;
        }

        var previous = Activity.Current;
        var span = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: WallClock.ToDateTimeOffset(fromUnixMicroseconds));
        if (span is null)
        {
            return null;
        }

        span.SetTag(CorrelationTag, correlationId);
        span.SetEndTime(WallClock.ToDateTimeOffset(Math.Max(fromUnixMicroseconds, toUnixMicroseconds)).UtcDateTime);
        span.Stop();

        // Written after the fact: the span must not stay current for whatever the caller does next.
        Activity.Current = previous;
        return span;
    }

    /// <summary>The context a message carries (W3C traceparent); default when it carries none or an unreadable one.</summary>
    public static ActivityContext Parse(string traceParent) =>
        traceParent.Length > 0 && ActivityContext.TryParse(traceParent, traceState: null, out var context) ? context : default;

    /// <summary>The W3C traceparent of a span, for the next message; empty without one.</summary>
    public static string TraceParent(Activity? span) => span?.Id ?? "";
}
