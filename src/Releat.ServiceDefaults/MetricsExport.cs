using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Releat.ServiceDefaults;

/// <summary>
/// What /metrics serves: the process's System.Diagnostics.Metrics instruments, by OpenTelemetry's Prometheus exporter
/// (the endpoint is mapped with <c>MapPrometheusScrapingEndpoint</c>). Names follow Prometheus conventions:
/// "releat.signal.published" counting "{signal}" becomes releat_signal_published_total, "releat.signal.decision.latency"
/// in "s" becomes releat_signal_decision_latency_seconds, "By" becomes _bytes.
/// </summary>
/// <remarks>
/// Not prometheus-net 8.2.1, although the design names it: its MeterAdapter prefixes every name with the meter's
/// (releat_signal_releat_signal_published), exports counters as gauges without _total, drops the unit, appends the
/// instrument's type to HELP, forgets a series left unchanged for five minutes (a kill switch that stays off would
/// vanish), and none of that is configurable.
/// </remarks>
internal static class MetricsExport
{
    /// <summary>Every releat meter, the runtime's (GC, thread pool, CPU) and ASP.NET Core's request durations.</summary>
    public static readonly string[] Meters = ["Releat.*", "System.Runtime", "Microsoft.AspNetCore.Hosting"];

    /// <summary>
    /// Upper bounds for histograms in seconds: from 10 µs, because a decision, an order round trip or a gRPC call on
    /// loopback takes tens to hundreds of microseconds, up to 10 s. A releat instrument may advise its own; ASP.NET
    /// Core's request duration advises buckets from 5 ms, which would put every gRPC call in the first one.
    /// </summary>
    public static readonly double[] SecondsBuckets =
    [
        0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10,
    ];

    public static WebApplicationBuilder AddMetricsExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddView(ConventionalStream)
                .AddPrometheusExporter(options =>
                {
                    // Each scrape collects afresh: a cached answer would hide what happened in the last 300 ms from a
                    // person or a test that just acted, and Prometheus scrapes only every few seconds.
                    options.ScrapeResponseCacheDurationMilliseconds = 0;

                    // No otel_scope_name label on every series: the meter's name already starts the metric's.
                    options.ScopeInfoEnabled = false;
                }));
        return builder;
    }

    /// <summary>How one instrument is exported where the exporter's own translation is not enough; null keeps it.</summary>
    internal static MetricStreamConfiguration? ConventionalStream(Instrument instrument)
    {
        if (instrument.Unit == "s" && IsHistogram(instrument) && !(IsReleat(instrument) && AdvisesBuckets(instrument)))
        {
            return new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets };
        }

        // Prometheus reserves _count, _sum and _bucket for a histogram's series (promtool rejects a gauge named
        // dotnet_assembly_count): such gauges get _value appended, unless a unit suffix will end the name.
        if (IsGauge(instrument) && EndsLikeHistogramSeries(instrument.Name) && !HasUnitSuffix(instrument.Unit))
        {
            return new MetricStreamConfiguration { Name = instrument.Name + ".value" };
        }

        return null;
    }

    private static bool IsReleat(Instrument instrument) => instrument.Meter.Name.StartsWith("Releat.", StringComparison.Ordinal);

    private static bool EndsLikeHistogramSeries(string name) =>
        name.EndsWith("count", StringComparison.Ordinal) || name.EndsWith("sum", StringComparison.Ordinal)
            || name.EndsWith("bucket", StringComparison.Ordinal);

    /// <summary>Units the exporter writes as a suffix: all but none, "1" and annotations such as "{call}".</summary>
    private static bool HasUnitSuffix(string? unit) => unit is { Length: > 0 } and not "1" && !unit.StartsWith('{');

    private static bool IsHistogram(Instrument instrument) => KindOf(instrument) == typeof(Histogram<>);

    /// <summary>Gauges, and up-down counters, which Prometheus shows as gauges.</summary>
    private static bool IsGauge(Instrument instrument) =>
        KindOf(instrument) is { } kind && (kind == typeof(Gauge<>) || kind == typeof(ObservableGauge<>)
            || kind == typeof(UpDownCounter<>) || kind == typeof(ObservableUpDownCounter<>));

    private static Type? KindOf(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;

    private static bool AdvisesBuckets(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries is not null,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries is not null,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries is not null,
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries is not null,
        _ => false,
    };
}
