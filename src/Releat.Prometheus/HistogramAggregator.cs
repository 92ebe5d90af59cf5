using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Releat.Prometheus;

/// <summary>Histograms with fixed upper bounds; written as cumulative _bucket series plus _sum and _count.</summary>
internal sealed class HistogramAggregator : MetricAggregator
{
    private readonly double[] _bounds;
    private readonly string[] _boundLabels;
    private readonly SeriesTable<HistogramCell> _series;

    public HistogramAggregator(Instrument instrument, string metricName, IReadOnlyList<double> bounds)
        : base(instrument, metricName)
    {
        _bounds = [.. bounds];
        _boundLabels = [.. _bounds.Select(b => b.ToString("R", CultureInfo.InvariantCulture))];
        var bucketCount = _bounds.Length + 1;
        _series = new SeriesTable<HistogramCell>(() => new HistogramCell(bucketCount));
    }

    public override string PrometheusType => "histogram";

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Buckets are "less than or equal": the first bound not below the value takes it; past the last, +Inf.
        var bucket = Array.BinarySearch(_bounds, value);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }

        lock (_series.Gate)
        {
            var cell = _series.Find(tags);
            cell.Counts[bucket]++;
            cell.Sum += value;
            cell.Count++;
        }
    }

    public override void WriteSamples(StringBuilder output)
    {
        lock (_series.Gate)
        {
            foreach (var (labels, cell) in _series.All)
            {
                long cumulative = 0;
                for (var i = 0; i <= _bounds.Length; i++)
                {
                    cumulative += cell.Counts[i];
                    output.Append(MetricName).Append("_bucket");
                    labels.AppendTo(output, "le", i < _bounds.Length ? _boundLabels[i] : "+Inf");
                    output.Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                output.Append(MetricName).Append("_sum");
                labels.AppendTo(output);
                output.Append(' ');
                AppendValue(output, cell.Sum);
                output.Append('\n');
                output.Append(MetricName).Append("_count");
                labels.AppendTo(output);
                output.Append(' ').Append(cell.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
    }

    private sealed class HistogramCell(int buckets)
    {
        public long[] Counts { get; } = new long[buckets];

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
