using System.Numerics;
using System.Numerics.Tensors;

namespace Releat.Learning.Layers;

/// <summary>
/// GLU (Dauphin et al. 2017) on rows of 2n values [a | b]: y = a ⊙ σ(b). Fed by one linear layer of width 2n,
/// which is the pair of dense maps the gated residual network's gate needs.
/// </summary>
public sealed class GatedLinearUnit<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly T[] _gates;
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly int _maxBatch;

    public GatedLinearUnit(int outputSize, int maxBatch)
    {
        OutputSize = outputSize;
        InputSize = 2 * outputSize;
        _maxBatch = maxBatch;
        _values = LayerBuffer.Allocate<T>(maxBatch, outputSize, nameof(GatedLinearUnit<T>));
        _gates = LayerBuffer.Allocate<T>(maxBatch, outputSize, nameof(GatedLinearUnit<T>));
        _output = LayerBuffer.Allocate<T>(maxBatch, outputSize, nameof(GatedLinearUnit<T>));
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, InputSize, nameof(GatedLinearUnit<T>));
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, nameof(GatedLinearUnit<T>));
        int n = OutputSize;
        for (int r = 0; r < batch; r++)
        {
            Span<T> a = _values.AsSpan(r * n, n);
            Span<T> gate = _gates.AsSpan(r * n, n);
            input.Slice(r * 2 * n, n).CopyTo(a);
            TensorPrimitives.Sigmoid(input.Slice((r * 2 * n) + n, n), gate);
            TensorPrimitives.Multiply(a, gate, _output.AsSpan(r * n, n));
        }

        return _output.AsSpan(0, batch * n);
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, nameof(GatedLinearUnit<T>));
        int n = OutputSize;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> dy = outputGradient.Slice(r * n, n);
            ReadOnlySpan<T> a = _values.AsSpan(r * n, n);
            ReadOnlySpan<T> gate = _gates.AsSpan(r * n, n);
            Span<T> da = _inputGradient.AsSpan(r * 2 * n, n);
            Span<T> db = _inputGradient.AsSpan((r * 2 * n) + n, n);
            TensorPrimitives.Multiply(dy, gate, da);
            for (int i = 0; i < n; i++)
            {
                db[i] = dy[i] * a[i] * gate[i] * (T.One - gate[i]);
            }
        }

        return _inputGradient.AsSpan(0, batch * 2 * n);
    }
}
