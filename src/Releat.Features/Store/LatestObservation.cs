namespace Releat.Features.Store;

/// <summary>The live engine's most recent observation of an agent, as published for the signal service.</summary>
public sealed record LatestObservation(long DecisionTimeMs, long FeatureTimeMs, IReadOnlyList<float> Values);
