using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Server;

/// <summary>
/// Per-call counters for the server, in the "Releat.Grpc.Server" meter: grpc.server.calls and grpc.server.duration,
/// tagged with service, method and the spec's status name. Exporters (Prometheus text elsewhere) read the meter.
/// </summary>
internal static class GrpcServerMetrics
{
    public const string MeterName = "Releat.Grpc.Server";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "grpc.server.calls", unit: "{call}", description: "gRPC calls completed by the server, by final status.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "grpc.server.duration", unit: "s", description: "Time from request headers to the final status of a gRPC call.");

    private static readonly Counter<long> AuthDenied = Meter.CreateCounter<long>(
        "grpc.server.auth.denied", unit: "{call}", description: "gRPC calls refused by authentication or authorization, by reason.");

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "grpc.server.rate_limited", unit: "{call}", description: "gRPC calls refused by a per-caller rate limit, by policy.");

    public static void RecordAuthDenied(string service, string method, string reason)
    {
        if (AuthDenied.Enabled)
        {
            AuthDenied.Add(1, new TagList { { "grpc.service", service }, { "grpc.method", method }, { "reason", reason } });
        }
    }

    public static void RecordRateLimited(string service, string method, string policy)
    {
        if (RateLimited.Enabled)
        {
            RateLimited.Add(1, new TagList { { "grpc.service", service }, { "grpc.method", method }, { "policy", policy } });
        }
    }

    public static void RecordCall(string service, string method, StatusCode status, TimeSpan elapsed)
    {
        if (!Calls.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "grpc.service", service },
            { "grpc.method", method },
            { "grpc.status", StatusCodeNames.Name(status) },
        };
        Calls.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
