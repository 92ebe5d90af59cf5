using System.Numerics;

namespace Releat.Learning.Layers;

/// <summary>Layers applied one after another (a multilayer perceptron is Linear, activation, Linear, ...).</summary>
public sealed class Sequential<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;

    public Sequential(params ILayer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("Sequential needs at least one layer.", nameof(layers));
        }

        for (int i = 1; i < layers.Length; i++)
        {
            if (layers[i].InputSize != layers[i - 1].OutputSize)
            {
                throw new ArgumentException(
                    $"Sequential: layer {i} ({layers[i].GetType().Name}) takes {layers[i].InputSize} values but layer {i - 1} gives {layers[i - 1].OutputSize}.",
                    nameof(layers));
            }
        }

        _layers = layers;
    }

    public IReadOnlyList<ILayer<T>> Layers => _layers;

    public int InputSize => _layers[0].InputSize;

    public int OutputSize => _layers[^1].OutputSize;

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        ReadOnlySpan<T> x = input;
        foreach (ILayer<T> layer in _layers)
        {
            x = layer.Forward(x, batch, training);
        }

        return x;
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        ReadOnlySpan<T> g = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            g = _layers[i].Backward(g, batch);
        }

        return g;
    }
}
