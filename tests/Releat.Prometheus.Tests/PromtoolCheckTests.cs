using System.Diagnostics.Metrics;
using Releat.Testing;

namespace Releat.Prometheus.Tests;

/// <summary>Runs Prometheus's own validator (Debian's prometheus package) over what the exporter writes.</summary>
public sealed class PromtoolCheckTests
{
    [Fact]
    public void Output_with_every_instrument_kind_and_the_runtime_meter_passes_promtool_check_metrics()
    {
        using var meter = new Meter("Releat.Test." + Guid.NewGuid().ToString("N"));
        var options = new PrometheusExporterOptions();
        options.MeterNames.Add(meter.Name);
        using var exporter = new PrometheusExporter(options);
        meter.CreateCounter<long>("grpc.server.calls", description: "gRPC calls handled, by method and status.")
            .Add(4, new("grpc.method", "GetTicks"), new("grpc.status", "OK"));
        meter.CreateHistogram<double>("grpc.server.duration", unit: "s", description: "Time to handle a call.")
            .Record(0.001, new KeyValuePair<string, object?>("grpc.method", "GetTicks"));
        meter.CreateUpDownCounter<int>("positions.open", description: "Open positions.").Add(2);
        meter.CreateObservableGauge("account.equity", () => 1234.5, description: "Account equity.");

        var text = exporter.Render();
        var (exitCode, output) = Promtool.CheckMetrics(text);

        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}):\n{output}\n--- input ---\n{text}");
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
    }
}
