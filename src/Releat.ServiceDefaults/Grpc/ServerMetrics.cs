using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// Per-call figures of every host's gRPC server, in the "Releat.Grpc.Server" meter (the name the dashboards know):
/// grpc.server.calls and grpc.server.duration by service, method and the spec's status name, plus the refusals
/// that are ours (grpc.server.auth.denied by reason, grpc.server.rate_limited by policy). grpc-dotnet's own
/// instruments count calls too, but without the final status or the method as separate tags.
/// </summary>
public static class ServerMetrics
{
    public const string MeterName = "Releat.Grpc.Server";

    private static readonly string[] StatusNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "grpc.server.calls", unit: "{call}", description: "gRPC calls completed by the server, by final status.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "grpc.server.duration", unit: "s", description: "Time from request headers to the final status of a gRPC call.");

    private static readonly Counter<long> AuthDenied = Meter.CreateCounter<long>(
        "grpc.server.auth.denied", unit: "{call}", description: "gRPC calls refused by authentication or authorization, by reason.");

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "grpc.server.rate_limited", unit: "{call}", description: "gRPC calls refused by a per-caller rate limit, by policy.");

    /// <summary>"/pkg.Service/Method" as (pkg.Service, Method).</summary>
    public static (string Service, string Method) Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int slash = path.LastIndexOf('/');
        return slash <= 0 ? (path.TrimStart('/'), "") : (path[1..slash], path[(slash + 1)..]);
    }

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

    public static void RecordCall(string service, string method, int status, TimeSpan elapsed)
    {
        if (!Calls.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "grpc.service", service },
            { "grpc.method", method },
            { "grpc.status", status >= 0 && status < StatusNames.Length ? StatusNames[status] : "UNKNOWN" },
        };
        Calls.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
