namespace Releat.Grpc.Benchmarks;

/// <summary>One scenario's figures: operations per second, latency percentiles, bytes allocated per operation.</summary>
internal sealed record Measurement(string Name, long Operations, double Seconds, double P50Micros, double P99Micros, double BytesPerOperation)
{
    public double PerSecond => Operations / Seconds;
}
