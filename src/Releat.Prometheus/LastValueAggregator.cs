using System.Diagnostics.Metrics;
using System.Text;

namespace Releat.Prometheus;

/// <summary>Gauges: each series shows the last value recorded or observed.</summary>
internal sealed class LastValueAggregator : MetricAggregator
{
    private readonly SeriesTable<double[]> _series = new(static () => new double[1]);

    public LastValueAggregator(Instrument instrument, string metricName)
        : base(instrument, metricName)
    {
    }

    public override string PrometheusType => "gauge";

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_series.Gate)
        {
            _series.Find(tags)[0] = value;
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
