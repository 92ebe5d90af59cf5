using Releat.Features.Drivers;

namespace Releat.Features.Benchmarks;

/// <summary>Consumes batch rows without keeping them (a checksum keeps the work from being optimised away).</summary>
internal sealed class CountingSink : IRawRowSink
{
    public long Rows { get; private set; }

    public double Checksum { get; private set; }

    public void Append(long decisionTimeMs, ReadOnlySpan<float> rawObservation, in ExecutionRange execution)
    {
        Rows++;
        Checksum += rawObservation[0];
    }
}
