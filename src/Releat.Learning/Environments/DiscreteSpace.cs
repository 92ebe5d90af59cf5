namespace Releat.Learning.Environments;

/// <summary>A Gymnasium Discrete: actions 0 .. N−1.</summary>
public sealed record DiscreteSpace(int N);
