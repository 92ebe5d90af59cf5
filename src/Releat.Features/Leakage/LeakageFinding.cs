namespace Releat.Features.Leakage;

/// <summary>A feature whose value at a decision changed when only data after that decision was perturbed: it sees the future.</summary>
public sealed record LeakageFinding(long DecisionTimeMs, string Column, float Before, float After);
