namespace Releat.Learning.Layers;

/// <summary>The pointwise nonlinearities a network's spec can name (an agent config's model.*.activation).</summary>
public enum ActivationFunction
{
    Tanh,
    Relu,
    Gelu,
    Elu,
    Silu,
}
