namespace Releat.Features.Drivers;

/// <summary>Receives the batch driver's rows in decision-time order: raw (untransformed) observation and execution range.</summary>
public interface IRawRowSink
{
    void Append(long decisionTimeMs, ReadOnlySpan<float> rawObservation, in ExecutionRange execution);
}
