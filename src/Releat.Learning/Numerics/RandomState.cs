namespace Releat.Learning.Numerics;

/// <summary>The four words of a <see cref="SeededRandom"/>, as stored in checkpoints.</summary>
public readonly record struct RandomState(ulong S0, ulong S1, ulong S2, ulong S3);
