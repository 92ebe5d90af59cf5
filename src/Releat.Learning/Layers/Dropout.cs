using System.Numerics;
using Releat.Learning.Numerics;

namespace Releat.Learning.Layers;

/// <summary>
/// Inverted dropout: while training each value is zeroed with probability p and the survivors scaled by 1/(1−p);
/// at inference it is the identity. The mask comes from the network's seeded generator, so runs repeat.
/// </summary>
public sealed class Dropout<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SeededRandom _random;
    private readonly T[] _mask;
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly int _maxBatch;
    private readonly double _probability;
    private bool _lastWasTraining;

    public Dropout(int size, int maxBatch, double probability, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (probability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout: probability must be in [0, 1).");
        }

        InputSize = OutputSize = size;
        _maxBatch = maxBatch;
        _probability = probability;
        _random = random;
        _mask = LayerBuffer.Allocate<T>(maxBatch, size, nameof(Dropout<T>));
        _output = LayerBuffer.Allocate<T>(maxBatch, size, nameof(Dropout<T>));
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, size, nameof(Dropout<T>));
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, nameof(Dropout<T>));
        int n = batch * InputSize;
        Span<T> output = _output.AsSpan(0, n);
        _lastWasTraining = training && _probability > 0;
        if (!_lastWasTraining)
        {
            input[..n].CopyTo(output);
            return output;
        }

        T keepScale = T.CreateChecked(1.0 / (1.0 - _probability));
        for (int i = 0; i < n; i++)
        {
            T m = _random.NextDouble() < _probability ? T.Zero : keepScale;
            _mask[i] = m;
            output[i] = input[i] * m;
        }

        return output;
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, nameof(Dropout<T>));
        int n = batch * InputSize;
        Span<T> dx = _inputGradient.AsSpan(0, n);
        if (_lastWasTraining)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(outputGradient[..n], _mask.AsSpan(0, n), dx);
        }
        else
        {
            outputGradient[..n].CopyTo(dx);
        }

        return dx;
    }
}
