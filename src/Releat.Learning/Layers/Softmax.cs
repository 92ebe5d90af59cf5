using System.Numerics;
using System.Numerics.Tensors;

namespace Releat.Learning.Layers;

/// <summary>Row-wise softmax; backward dx = y ⊙ (dy − ⟨dy, y⟩) per row.</summary>
public sealed class Softmax<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly int _maxBatch;

    public Softmax(int size, int maxBatch)
    {
        InputSize = OutputSize = size;
        _maxBatch = maxBatch;
        _output = LayerBuffer.Allocate<T>(maxBatch, size, nameof(Softmax<T>));
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, size, nameof(Softmax<T>));
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, nameof(Softmax<T>));
        int d = InputSize;
        for (int r = 0; r < batch; r++)
        {
            TensorPrimitives.SoftMax(input.Slice(r * d, d), _output.AsSpan(r * d, d));
        }

        return _output.AsSpan(0, batch * d);
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, nameof(Softmax<T>));
        int d = InputSize;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> y = _output.AsSpan(r * d, d);
            ReadOnlySpan<T> dy = outputGradient.Slice(r * d, d);
            Span<T> dx = _inputGradient.AsSpan(r * d, d);
            T inner = TensorPrimitives.Dot(dy, y);
            TensorPrimitives.Subtract(dy, inner, dx);
            TensorPrimitives.Multiply(dx, y, dx);
        }

        return _inputGradient.AsSpan(0, batch * d);
    }
}
