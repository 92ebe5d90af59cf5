namespace Releat.Agents.Config;

public enum Activation
{
    Tanh,
    Relu,
    Gelu,
    Elu,
    Silu,
}
