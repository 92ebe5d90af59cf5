using System.Numerics;

namespace Releat.Learning.Layers;

/// <summary>Builds the layer for an <see cref="ActivationFunction"/> named in a spec.</summary>
public static class ActivationLayer
{
    public static ElementwiseActivation<T> Create<T>(ActivationFunction function, int size, int maxBatch)
        where T : unmanaged, IFloatingPointIeee754<T> => function switch
        {
            ActivationFunction.Tanh => new Tanh<T>(size, maxBatch),
            ActivationFunction.Relu => new Relu<T>(size, maxBatch),
            ActivationFunction.Gelu => new Gelu<T>(size, maxBatch),
            ActivationFunction.Elu => new Elu<T>(size, maxBatch),
            ActivationFunction.Silu => new Silu<T>(size, maxBatch),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, $"ActivationLayer: no layer for activation {function}."),
        };
}
