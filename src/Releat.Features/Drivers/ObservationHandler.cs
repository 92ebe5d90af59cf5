namespace Releat.Features.Drivers;

/// <summary>Called by the live driver for each decision time that gets an observation (transformed values).</summary>
public delegate void ObservationHandler(long decisionTimeMs, ReadOnlySpan<float> observation);
