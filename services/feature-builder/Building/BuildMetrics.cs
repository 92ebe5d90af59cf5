using System.Diagnostics.Metrics;

namespace Releat.FeatureBuilder.Building;

/// <summary>
/// The feature-builder's figures for /metrics (meter Releat.FeatureBuilder): dataset builds by agent and result, the
/// decisions they wrote, how long they took, and how many run now.
/// </summary>
public sealed class BuildMetrics : IDisposable
{
    public const string MeterName = "Releat.FeatureBuilder";

    private readonly Meter _meter;
    private readonly Counter<long> _builds;
    private readonly Counter<long> _rows;
    private readonly Histogram<double> _duration;
    private int _running;

    public BuildMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _builds = _meter.CreateCounter<long>("releat.features.builds", "{build}", "Dataset builds finished, by agent and result (succeeded, kept, failed, cancelled)");
        _rows = _meter.CreateCounter<long>("releat.features.rows", "{decision}", "Decisions (dataset rows) written by builds, by agent");
        _duration = _meter.CreateHistogram<double>("releat.features.build_duration", "s", "How long a dataset build took, by agent and result");
        _meter.CreateObservableGauge("releat.features.active_builds", () => Volatile.Read(ref _running), "{build}", "Dataset builds in progress");
    }

    public void Started() => Interlocked.Increment(ref _running);

    public void Finished(string agentId, string result, TimeSpan took, long rows)
    {
        Interlocked.Decrement(ref _running);
        var agent = new KeyValuePair<string, object?>("agent", agentId);
        var outcome = new KeyValuePair<string, object?>("result", result);
        _builds.Add(1, agent, outcome);
        if (rows > 0)
        {
            _rows.Add(rows, agent);
        }

        _duration.Record(took.TotalSeconds, agent, outcome);
    }

    public void Dispose() => _meter.Dispose();
}
