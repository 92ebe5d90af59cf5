using System.Diagnostics.Metrics;

namespace Releat.Prometheus.Tests;

public sealed class PrometheusExporterTests : IDisposable
{
    // A meter name of its own per test, so instruments of other tests running in parallel never show up here.
    private readonly Meter _meter = new("Releat.Test." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        var options = new PrometheusExporterOptions();
        options.MeterNames.Clear();
        options.MeterNames.Add(_meter.Name);
        _exporter = new PrometheusExporter(options);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counter_is_rendered_with_total_suffix_help_type_and_labels()
    {
        var calls = _meter.CreateCounter<long>("grpc.server.calls", description: "Calls handled.");
        calls.Add(2, new("grpc.method", "GetTicks"), new("grpc.status", "OK"));
        calls.Add(3, new("grpc.method", "GetTicks"), new("grpc.status", "OK"));
        calls.Add(1, new("grpc.method", "SendOrder"), new("grpc.status", "UNAVAILABLE"));

        var text = _exporter.Render();

        Assert.Contains("# HELP grpc_server_calls_total Calls handled.\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE grpc_server_calls_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("grpc_server_calls_total{grpc_method=\"GetTicks\",grpc_status=\"OK\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("grpc_server_calls_total{grpc_method=\"SendOrder\",grpc_status=\"UNAVAILABLE\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_tags_in_another_order_land_in_one_series()
    {
        var orders = _meter.CreateCounter<int>("orders");
        orders.Add(1, new("side", "buy"), new("result", "filled"));
        orders.Add(1, new("result", "filled"), new("side", "buy"));

        var text = _exporter.Render();

        Assert.Single(text.Split('\n'), l => l.StartsWith("orders_total{", StringComparison.Ordinal));
        Assert.Contains("orders_total{side=\"buy\",result=\"filled\"} 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_in_seconds_has_cumulative_buckets_sum_and_count()
    {
        var duration = _meter.CreateHistogram<double>("decision.latency", unit: "s");
        duration.Record(0.0003);
        duration.Record(0.0003);
        duration.Record(0.002);
        duration.Record(60);

        var text = _exporter.Render();

        Assert.Contains("# TYPE decision_latency_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_bucket{le=\"0.00025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_bucket{le=\"0.0005\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_bucket{le=\"0.0025\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_bucket{le=\"10\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_bucket{le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_count 4\n", text, StringComparison.Ordinal);
        Assert.Contains("decision_latency_seconds_sum 60.0026", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_exactly_on_a_bound_counts_in_that_bucket()
    {
        var sizes = _meter.CreateHistogram<int>("batch.size", unit: "{tick}", advice: new() { HistogramBucketBoundaries = [1, 10, 100] });
        sizes.Record(10);

        var text = _exporter.Render();

        Assert.Contains("batch_size_bucket{le=\"1\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("batch_size_bucket{le=\"10\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        var errors = _meter.CreateCounter<long>("errors");
        errors.Add(1, new KeyValuePair<string, object?>("reason", "bad \"quote\"\\path\nline"));

        var text = _exporter.Render();

        Assert.Contains("errors_total{reason=\"bad \\\"quote\\\"\\\\path\\nline\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Observable_instruments_report_their_current_value_at_each_scrape()
    {
        var equity = 10_000.0;
        long ticks = 0;
        _meter.CreateObservableGauge("account.equity", () => equity, unit: "{USD}");
        _meter.CreateObservableCounter("ticks.received", () => ticks);

        ticks = 7;
        var first = _exporter.Render();
        equity = 10_250.5;
        ticks = 9;
        var second = _exporter.Render();

        Assert.Contains("account_equity 10000\n", first, StringComparison.Ordinal);
        Assert.Contains("ticks_received_total 7\n", first, StringComparison.Ordinal);
        Assert.Contains("account_equity 10250.5\n", second, StringComparison.Ordinal);
        Assert.Contains("ticks_received_total 9\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_down_counter_is_a_gauge_that_goes_down()
    {
        var positions = _meter.CreateUpDownCounter<int>("positions.open");
        positions.Add(3);
        positions.Add(-2);

        var text = _exporter.Render();

        Assert.Contains("# TYPE positions_open gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("positions_open 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Meters_outside_the_configured_names_are_not_exported()
    {
        using var other = new Meter("Elsewhere.Test");
        other.CreateCounter<long>("foreign").Add(1);

        Assert.DoesNotContain("foreign", _exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gauge_named_like_a_histogram_series_gets_a_value_suffix()
    {
        _meter.CreateObservableUpDownCounter("worker.count", () => 3);

        var text = _exporter.Render();

        Assert.Contains("# TYPE worker_count_value gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("worker_count_value 3\n", text, StringComparison.Ordinal);
    }
}
