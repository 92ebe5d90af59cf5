namespace Releat.Agents.Config;

/// <summary>Lower and upper percentiles (0..100) at which to clip a feature, fitted on the training split.</summary>
public readonly record struct PercentileRange(double Lower, double Upper);
