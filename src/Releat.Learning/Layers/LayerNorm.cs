using System.Numerics;
using System.Numerics.Tensors;
using Releat.Learning.Parameters;

namespace Releat.Learning.Layers;

/// <summary>
/// Layer normalisation (Ba et al. 2016) over each row, with learned gain ("weight", ones) and shift ("bias",
/// zeros); biased variance and eps 1e-5 as torch.nn.LayerNorm.
/// </summary>
public sealed class LayerNorm<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterStore<T> _store;
    private readonly T[] _normalised;
    private readonly T[] _inverseStd;
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly T[] _rowScratch;
    private readonly int _maxBatch;
    private readonly T _epsilon;

    public LayerNorm(ParameterStore<T> store, string name, int size, int maxBatch, double epsilon = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Name = name;
        InputSize = OutputSize = size;
        _maxBatch = maxBatch;
        _epsilon = T.CreateChecked(epsilon);
        Gain = store.Register(name + ".weight", size);
        Shift = store.Register(name + ".bias", size);
        _normalised = LayerBuffer.Allocate<T>(maxBatch, size, name);
        _output = LayerBuffer.Allocate<T>(maxBatch, size, name);
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, size, name);
        _inverseStd = new T[maxBatch];
        _rowScratch = new T[size];
    }

    public string Name { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public ParameterTensor Gain { get; }

    public ParameterTensor Shift { get; }

    /// <summary>Gain one, shift zero: the identity affine map, as PyTorch starts.</summary>
    public void Initialise()
    {
        Span<T> values = _store.GetValuesForWriting();
        values.Slice(Gain.Offset, Gain.Length).Fill(T.One);
        values.Slice(Shift.Offset, Shift.Length).Clear();
    }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, Name);
        int d = InputSize;
        T count = T.CreateChecked(d);
        ReadOnlySpan<T> gain = _store.ValuesOf(Gain);
        ReadOnlySpan<T> shift = _store.ValuesOf(Shift);
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> x = input.Slice(r * d, d);
            Span<T> xhat = _normalised.AsSpan(r * d, d);
            T mean = TensorPrimitives.Sum(x) / count;
            TensorPrimitives.Subtract(x, mean, xhat);
            T variance = TensorPrimitives.SumOfSquares<T>(xhat) / count;
            T inverseStd = T.One / T.Sqrt(variance + _epsilon);
            _inverseStd[r] = inverseStd;
            TensorPrimitives.Multiply(xhat, inverseStd, xhat);
            TensorPrimitives.MultiplyAdd(xhat, gain, shift, _output.AsSpan(r * d, d));
        }

        return _output.AsSpan(0, batch * d);
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, Name);
        int d = InputSize;
        T count = T.CreateChecked(d);
        ReadOnlySpan<T> gain = _store.ValuesOf(Gain);
        Span<T> gainGradient = _store.GradientsOf(Gain);
        Span<T> shiftGradient = _store.GradientsOf(Shift);
        Span<T> dxhat = _rowScratch;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<T> dy = outputGradient.Slice(r * d, d);
            ReadOnlySpan<T> xhat = _normalised.AsSpan(r * d, d);
            TensorPrimitives.MultiplyAdd(dy, xhat, gainGradient, gainGradient);
            TensorPrimitives.Add(shiftGradient, dy, shiftGradient);

            // dx = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂))
            TensorPrimitives.Multiply(dy, gain, dxhat);
            T meanGradient = TensorPrimitives.Sum<T>(dxhat) / count;
            T meanProjection = TensorPrimitives.Dot<T>(dxhat, xhat) / count;
            Span<T> dx = _inputGradient.AsSpan(r * d, d);
            TensorPrimitives.Multiply(xhat, -meanProjection, dx);
            TensorPrimitives.Add(dx, dxhat, dx);
            TensorPrimitives.Subtract(dx, meanGradient, dx);
            TensorPrimitives.Multiply(dx, _inverseStd[r], dx);
        }

        return _inputGradient.AsSpan(0, batch * d);
    }
}
