namespace Releat.Agents;

public enum Activation
{
    Tanh,
    Relu,
    Gelu,
    Elu,
    Silu,
}
