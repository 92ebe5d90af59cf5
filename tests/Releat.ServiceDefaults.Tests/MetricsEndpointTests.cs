using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Releat.Testing;

namespace Releat.ServiceDefaults.Tests;

/// <summary>
/// /metrics as every service serves it: the process's releat meters in Prometheus names (counters _total, base-unit
/// suffixes, the meter's name never repeated), latency histograms that resolve microseconds, HELP on every family,
/// and output that Prometheus's own validator accepts.
/// </summary>
public sealed partial class MetricsEndpointTests : IAsyncLifetime, IDisposable
{
    // A meter of its own per test; its instrument names are unique to this class, so no other test's series mix in.
    private readonly Meter _meter = new("Releat.Probe." + Guid.NewGuid().ToString("N"));
    private MetricsHost? _host;

    private MetricsHost Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _host = await MetricsHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public void Dispose() => _meter.Dispose();

    [Fact]
    public async Task Counters_end_in_total_units_become_suffixes_and_the_meter_name_is_not_repeated()
    {
        _meter.CreateCounter<long>("releat.probe.orders", "{order}", "Orders sent, by result")
            .Add(3, new KeyValuePair<string, object?>("result", "filled"));
        _meter.CreateCounter<long>("releat.probe.written", "By", "Bytes written").Add(4096);
        _meter.CreateHistogram<double>("releat.probe.handling", "s", "Time to handle one signal").Record(0.002);
        _meter.CreateObservableGauge("releat.probe.position", () => -0.5, "{lot}", "Signed lots held");
        _meter.CreateUpDownCounter<int>("releat.probe.sessions", "{session}", "Sessions open").Add(2);

        var text = await Host.ScrapeAsync();
        var families = MetricsText.Families(text);

        Assert.Equal("counter", families.GetValueOrDefault("releat_probe_orders_total"));
        Assert.Equal(3, MetricsText.Value(text, "releat_probe_orders_total{result=\"filled\"}"));
        Assert.Equal("counter", families.GetValueOrDefault("releat_probe_written_bytes_total"));
        Assert.Equal(4096, MetricsText.Value(text, "releat_probe_written_bytes_total"));
        Assert.Equal("histogram", families.GetValueOrDefault("releat_probe_handling_seconds"));
        Assert.Equal(1, MetricsText.Value(text, "releat_probe_handling_seconds_count"));
        Assert.Equal("gauge", families.GetValueOrDefault("releat_probe_position"));
        Assert.Equal(-0.5, MetricsText.Value(text, "releat_probe_position"));
        Assert.Equal("gauge", families.GetValueOrDefault("releat_probe_sessions"));
        Assert.Equal(2, MetricsText.Value(text, "releat_probe_sessions"));
        Assert.Contains("# HELP releat_probe_orders_total Orders sent, by result\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(families.Keys, name => name.Contains("releat_releat", StringComparison.Ordinal) || name.Contains("probe_releat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_latency_histogram_in_seconds_resolves_tens_of_microseconds()
    {
        var latency = _meter.CreateHistogram<double>("releat.probe.decision.latency", "s", "From tick to decision");
        latency.Record(0.000_030);
        latency.Record(0.000_080);
        latency.Record(0.000_300);
        latency.Record(0.004);

        var buckets = Buckets(await Host.ScrapeAsync(), "releat_probe_decision_latency_seconds");

        // Each of the three sub-millisecond values lands below a different bound, and the smallest bound is 10 µs.
        Assert.Equal(0.000_01, buckets[0].UpperBound);
        Assert.Equal(1, buckets.First(b => b.UpperBound >= 0.000_030).Count);
        Assert.Equal(2, buckets.First(b => b.UpperBound >= 0.000_080).Count);
        Assert.Equal(3, buckets.First(b => b.UpperBound >= 0.000_300).Count);
        Assert.Equal(0, buckets.Last(b => b.UpperBound < 0.000_030).Count);
        Assert.Equal(1, buckets.Last(b => b.UpperBound < 0.000_080).Count);
        Assert.Equal(2, buckets.Last(b => b.UpperBound < 0.000_300).Count);
        Assert.Equal((double.PositiveInfinity, 4), buckets[^1]);
    }

    [Fact]
    public async Task The_request_duration_of_aspnet_core_resolves_tens_of_microseconds_too()
    {
        await Host.ScrapeAsync();

        var text = await Host.ScrapeAsync();

        var bounds = BucketLine().Matches(text).Where(m => m.Groups["family"].Value == "http_server_request_duration_seconds")
            .Select(m => Bound(m.Groups["le"].Value)).ToList();
        Assert.NotEmpty(bounds);
        Assert.Equal(0.000_01, bounds.Min());
    }

    [Fact]
    public async Task A_histogram_that_advises_its_buckets_keeps_them()
    {
        _meter.CreateHistogram("releat.probe.fill.slippage", "s", "Slippage of a fill",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01] }).Record(0.005);

        var buckets = Buckets(await Host.ScrapeAsync(), "releat_probe_fill_slippage_seconds");

        Assert.Equal([(0.001, 0L), (0.01, 1L), (double.PositiveInfinity, 1L)], buckets);
    }

    [Fact]
    public async Task An_observable_instrument_shows_its_current_value_at_each_scrape()
    {
        var equity = 10_000.0;
        long ticks = 7;
        _meter.CreateObservableGauge("releat.probe.equity", () => equity, "{currency}", "Account equity");
        _meter.CreateObservableCounter("releat.probe.ticks", () => ticks, "{tick}", "Ticks received");

        var first = await Host.ScrapeAsync();
        equity = 10_250.5;
        ticks = 9;
        var second = await Host.ScrapeAsync();

        Assert.Equal(10_000, MetricsText.Value(first, "releat_probe_equity"));
        Assert.Equal(7, MetricsText.Value(first, "releat_probe_ticks_total"));
        Assert.Equal(10_250.5, MetricsText.Value(second, "releat_probe_equity"));
        Assert.Equal(9, MetricsText.Value(second, "releat_probe_ticks_total"));
    }

    [Fact]
    public async Task Meters_other_than_releat_and_the_runtime_are_not_exported()
    {
        using var other = new Meter("Elsewhere.Probe");
        other.CreateCounter<long>("elsewhere.probe.calls").Add(1);

        var text = await Host.ScrapeAsync();

        Assert.DoesNotContain("elsewhere_probe", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_family_has_help_and_the_scrape_passes_promtool_check_metrics()
    {
        _meter.CreateCounter<long>("releat.probe.calls", "{call}", "Calls handled, by method and status")
            .Add(4, new KeyValuePair<string, object?>("method", "GetTicks"), new KeyValuePair<string, object?>("status", "OK"));
        _meter.CreateCounter<long>("releat.probe.errors", "{error}", "Errors, by reason")
            .Add(1, new KeyValuePair<string, object?>("reason", "bad \"quote\"\\path\nline"));
        _meter.CreateHistogram<double>("releat.probe.call.duration", "s", "Time to handle a call")
            .Record(0.001, new KeyValuePair<string, object?>("method", "GetTicks"));
        _meter.CreateObservableUpDownCounter("releat.probe.worker.count", () => 3, "{worker}", "Workers running");
        _meter.CreateObservableGauge("releat.probe.queue.sum", () => 0.25, "{order}", "A gauge named like a histogram's sum");
        _meter.CreateObservableGauge("releat.probe.wait.sum", () => 0.5, "s", "Its unit ends its name: left as it is");

        var text = await Host.ScrapeAsync();
        var (exitCode, verdict) = Promtool.CheckMetrics(text);

        Assert.True(exitCode == 0, $"promtool check metrics failed ({exitCode}):\n{verdict}\n--- input ---\n{text}");
        foreach (var family in MetricsText.Families(text).Keys)
        {
            Assert.Matches($"(?m)^# HELP {Regex.Escape(family)} \\S", text);
        }

        // Prometheus reserves _count and _sum for a histogram's series: gauges so named get _value appended.
        Assert.Equal(3, MetricsText.Value(text, "releat_probe_worker_count_value"));
        Assert.Equal(0.25, MetricsText.Value(text, "releat_probe_queue_sum_value"));
        Assert.Equal(0.5, MetricsText.Value(text, "releat_probe_wait_sum_seconds"));
        Assert.Contains("reason=\"bad \\\"quote\\\"\\\\path\\nline\"", text, StringComparison.Ordinal);
    }

    /// <summary>The cumulative buckets of a histogram with one series (no labels), in the order of their bounds.</summary>
    private static List<(double UpperBound, long Count)> Buckets(string text, string family)
    {
        var buckets = BucketLine().Matches(text)
            .Where(m => m.Groups["family"].Value == family)
            .Select(m => (Bound(m.Groups["le"].Value), long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .OrderBy(b => b.Item1)
            .ToList();
        Assert.True(buckets.Count > 0, $"no buckets of {family} in:\n{text}");
        return buckets;
    }

    private static double Bound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?m)^(?<family>[a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\{(?:[^{}]*,)?le=""(?<le>[^""]+)""\} (?<count>\d+)$")]
    private static partial Regex BucketLine();
}
