namespace Releat.Features.Drivers;

/// <summary>
/// How the batch driver splits the work: independent time chunks (each re-warmed from its own history, so the
/// split never changes a value) processed up to <see cref="MaxParallelism"/> at a time.
/// </summary>
public sealed record BatchOptions
{
    public TimeSpan ChunkLength { get; init; } = TimeSpan.FromDays(7);

    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
