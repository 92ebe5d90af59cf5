namespace Releat.Prometheus;

/// <summary>Which meters are exported and how histograms are bucketed when an instrument gives no advice.</summary>
public sealed class PrometheusExporterOptions
{
    /// <summary>
    /// Meters whose name equals one of these, or starts with one followed by a dot, are exported.
    /// "Releat" covers every releat meter; "System.Runtime" brings the runtime's GC, thread-pool and CPU figures.
    /// </summary>
    public IList<string> MeterNames { get; } = ["Releat", "System.Runtime"];

    /// <summary>Bucket upper bounds for histograms measured in seconds (unit "s"), from 50 µs to 10 s.</summary>
    public IReadOnlyList<double> SecondsBuckets { get; set; } =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Bucket upper bounds for any other histogram without explicit bucket advice.</summary>
    public IReadOnlyList<double> DefaultBuckets { get; set; } =
        [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
}
