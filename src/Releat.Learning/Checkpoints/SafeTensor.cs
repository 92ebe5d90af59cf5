namespace Releat.Learning.Checkpoints;

/// <summary>One float32 tensor of a safetensors file: its name, shape and values (row-major).</summary>
public sealed record SafeTensor(string Name, IReadOnlyList<int> Shape, float[] Values);
