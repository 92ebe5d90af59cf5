using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Releat.Prometheus;

/// <summary>Collects one instrument's measurements and writes them as one Prometheus metric family.</summary>
internal abstract class MetricAggregator
{
    protected MetricAggregator(Instrument instrument, string metricName)
    {
        Instrument = instrument;
        MetricName = metricName;
    }

    public Instrument Instrument { get; }

    public string MetricName { get; }

    /// <summary>"counter", "gauge" or "histogram".</summary>
    public abstract string PrometheusType { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void WriteSamples(StringBuilder output);

    protected static void AppendValue(StringBuilder output, double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            output.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            output.Append("-Inf");
        }
        else if (double.IsNaN(value))
        {
            output.Append("NaN");
        }
        else
        {
            output.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
