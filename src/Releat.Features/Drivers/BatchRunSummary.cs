namespace Releat.Features.Drivers;

/// <summary>What a batch run read and wrote. Ticks include each chunk's warm-up.</summary>
public readonly record struct BatchRunSummary(long Ticks, long Rows);
