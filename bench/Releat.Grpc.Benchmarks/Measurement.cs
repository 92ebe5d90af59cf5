namespace Releat.Grpc.Benchmarks;

/// <summary>
/// One scenario's figures: operations per second, latency percentiles, process CPU time and bytes allocated per
/// operation. CPU per operation is the steadiest figure on a shared machine: other processes stretch wall time, not it.
/// </summary>
internal sealed record Measurement(
    string Name, long Operations, double Seconds, double P50Micros, double P99Micros, double CpuMicrosPerOperation, double BytesPerOperation)
{
    public double PerSecond => Operations / Seconds;
}
