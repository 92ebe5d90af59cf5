namespace Releat.Learning.Parameters;

/// <summary>
/// One named tensor inside a network's flat parameter buffer (PyTorch-style names such as "actor.0.weight",
/// shapes in PyTorch's order: a linear weight is [outputs, inputs]). Checkpoints are written from these.
/// </summary>
public sealed record ParameterTensor(string Name, IReadOnlyList<int> Shape, int Offset, int Length);
