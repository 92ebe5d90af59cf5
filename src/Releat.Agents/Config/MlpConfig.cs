namespace Releat.Agents.Config;

/// <summary>A multilayer perceptron: hidden layer widths in order and their activation.</summary>
public sealed record MlpConfig(IReadOnlyList<int> Hidden, Activation Activation);
