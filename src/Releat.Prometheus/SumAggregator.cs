using System.Diagnostics.Metrics;
using System.Text;

namespace Releat.Prometheus;

/// <summary>
/// Counters and up-down counters. Synchronous instruments report increments, which are added; observable ones
/// report the running total at each collection, which replaces the previous value.
/// </summary>
internal sealed class SumAggregator : MetricAggregator
{
    private readonly SeriesTable<double[]> _series = new(static () => new double[1]);
    private readonly bool _reportsTotals;
    private readonly bool _monotonic;

    public SumAggregator(Instrument instrument, string metricName, bool monotonic, bool reportsTotals)
        : base(instrument, monotonic && !metricName.EndsWith("_total", StringComparison.Ordinal) ? metricName + "_total" : metricName)
    {
        _monotonic = monotonic;
        _reportsTotals = reportsTotals;
    }

    public override string PrometheusType => _monotonic ? "counter" : "gauge";

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_series.Gate)
        {
            var cell = _series.Find(tags);
            cell[0] = _reportsTotals ? value : cell[0] + value;
        }
    }

    public override void WriteSamples(StringBuilder output)
    {
        lock (_series.Gate)
        {
            foreach (var (labels, cell) in _series.All)
            {
                output.Append(MetricName);
                labels.AppendTo(output);
                output.Append(' ');
                AppendValue(output, cell[0]);
                output.Append('\n');
            }
        }
    }
}
