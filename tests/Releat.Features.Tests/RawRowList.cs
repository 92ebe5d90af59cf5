using Releat.Features.Drivers;

namespace Releat.Features.Tests;

/// <summary>Collects a batch run's rows in memory.</summary>
internal sealed class RawRowList : IRawRowSink
{
    public List<long> Times { get; } = [];

    public List<float[]> Rows { get; } = [];

    public List<ExecutionRange> Executions { get; } = [];

    public void Append(long decisionTimeMs, ReadOnlySpan<float> rawObservation, in ExecutionRange execution)
    {
        Times.Add(decisionTimeMs);
        Rows.Add(rawObservation.ToArray());
        Executions.Add(execution);
    }
}
