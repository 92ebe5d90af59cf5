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
