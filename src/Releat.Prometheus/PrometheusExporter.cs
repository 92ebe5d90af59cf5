using System.Diagnostics.Metrics;
using System.Text;

namespace Releat.Prometheus;

/// <summary>
/// Listens to the process's System.Diagnostics.Metrics instruments and renders their current values in the
/// Prometheus text exposition format (version 0.0.4). One per process; the /metrics endpoint asks it to render.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type Prometheus expects for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly PrometheusExporterOptions _options;
    private readonly MeterListener _listener = new();
    private readonly List<MetricAggregator> _aggregators = [];
    private readonly Lock _aggregatorsGate = new();

    public PrometheusExporter(PrometheusExporterOptions options)
    {
        _options = options;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = OnMeasurementsCompleted;
        _listener.SetMeasurementEventCallback<double>(static (i, v, t, s) => ((MetricAggregator)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<float>(static (i, v, t, s) => ((MetricAggregator)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<long>(static (i, v, t, s) => ((MetricAggregator)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<int>(static (i, v, t, s) => ((MetricAggregator)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<short>(static (i, v, t, s) => ((MetricAggregator)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<byte>(static (i, v, t, s) => ((MetricAggregator)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<decimal>(static (i, v, t, s) => ((MetricAggregator)s!).Record((double)v, t));
        _listener.Start();
    }

    /// <summary>Collects observable instruments and renders every exported metric family.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        MetricAggregator[] aggregators;
        lock (_aggregatorsGate)
        {
            aggregators = [.. _aggregators];
        }

        var output = new StringBuilder(4096);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var family in aggregators.GroupBy(a => a.MetricName, StringComparer.Ordinal))
        {
            var first = family.First();

            // Two instruments that map to one name with different types would make the output invalid:
            // keep the first one's type and drop the others.
            if (!written.TryAdd(first.MetricName, first.PrometheusType))
            {
                continue;
            }

            output.Append("# HELP ").Append(first.MetricName).Append(' ')
                .Append(PrometheusNaming.HelpText(first.Instrument.Description, first.Instrument.Name)).Append('\n');
            output.Append("# TYPE ").Append(first.MetricName).Append(' ').Append(first.PrometheusType).Append('\n');
            foreach (var aggregator in family.Where(a => a.PrometheusType == first.PrometheusType))
            {
                aggregator.WriteSamples(output);
            }
        }

        return output.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!IsExported(instrument.Meter.Name))
        {
            return;
        }

        var aggregator = CreateAggregator(instrument);
        if (aggregator is null)
        {
            return;
        }

        lock (_aggregatorsGate)
        {
            _aggregators.Add(aggregator);
        }

        listener.EnableMeasurementEvents(instrument, aggregator);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is MetricAggregator aggregator)
        {
            lock (_aggregatorsGate)
            {
                _aggregators.Remove(aggregator);
            }
        }
    }

    private bool IsExported(string meterName) =>
        _options.MeterNames.Any(prefix =>
            meterName.Equals(prefix, StringComparison.Ordinal)
            || (meterName.StartsWith(prefix, StringComparison.Ordinal) && meterName.Length > prefix.Length
                && meterName[prefix.Length] == '.'));

    private MetricAggregator? CreateAggregator(Instrument instrument)
    {
        var name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit);
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        if (kind == typeof(Counter<>))
        {
            return new SumAggregator(instrument, name, monotonic: true, reportsTotals: false);
        }

        if (kind == typeof(ObservableCounter<>))
        {
            return new SumAggregator(instrument, name, monotonic: true, reportsTotals: true);
        }

        if (kind == typeof(UpDownCounter<>))
        {
            return new SumAggregator(instrument, PrometheusNaming.GaugeName(name), monotonic: false, reportsTotals: false);
        }

        if (kind == typeof(ObservableUpDownCounter<>))
        {
            return new SumAggregator(instrument, PrometheusNaming.GaugeName(name), monotonic: false, reportsTotals: true);
        }

        if (kind == typeof(Gauge<>) || kind == typeof(ObservableGauge<>))
        {
            return new LastValueAggregator(instrument, PrometheusNaming.GaugeName(name));
        }

        if (kind == typeof(Histogram<>))
        {
            return new HistogramAggregator(instrument, name, BucketsFor(instrument));
        }

        return null;
    }

    private IReadOnlyList<double> BucketsFor(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } => advised,
        Histogram<long> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised.Select(b => (double)b)],
        _ when instrument.Unit == "s" => _options.SecondsBuckets,
        _ => _options.DefaultBuckets,
    };
}
