using System.Numerics;
using System.Runtime.Intrinsics;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;

namespace Releat.Learning.Layers;

/// <summary>
/// y = x·Wᵀ + b with W stored [outputs, inputs] as PyTorch stores it. For wide outputs the forward pass runs on a
/// transposed copy of W (rebuilt only when the parameters change) so the product streams along the outputs.
/// </summary>
public sealed class Linear<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ParameterStore<T> _store;
    private readonly T[] _input;
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly T[] _weightsTransposed;
    private readonly T[] _weightGradientTransposed;
    private readonly int _maxBatch;
    private readonly bool _useTransposedWeights;
    private readonly bool _weightGradientViaTranspose;
    private int _transposedAtVersion = -1;

    public Linear(ParameterStore<T> store, string name, int inputs, int outputs, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        Name = name;
        InputSize = inputs;
        OutputSize = outputs;
        _maxBatch = maxBatch;
        Weight = store.Register(name + ".weight", outputs, inputs);
        Bias = store.Register(name + ".bias", outputs);
        _input = LayerBuffer.Allocate<T>(maxBatch, inputs, name);
        _output = LayerBuffer.Allocate<T>(maxBatch, outputs, name);
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, inputs, name);
        _useTransposedWeights = outputs >= Vector256<T>.Count;
        _weightsTransposed = _useTransposedWeights ? new T[inputs * outputs] : [];

        // With fewer inputs than a vector holds (an observation of 4), dW = dYᵀ·X would run scalar along the inputs;
        // dWᵀ = Xᵀ·dY runs vectorised along the outputs instead, then is added back transposed.
        _weightGradientViaTranspose = inputs < Vector256<T>.Count && outputs >= Vector256<T>.Count;
        _weightGradientTransposed = _weightGradientViaTranspose ? new T[inputs * outputs] : [];
    }

    public string Name { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public ParameterTensor Weight { get; }

    public ParameterTensor Bias { get; }

    /// <summary>False for a network's first layer, whose input gradient nobody reads: Backward then skips dX = dY·W and returns an empty span.</summary>
    public bool ComputesInputGradient { get; init; } = true;

    /// <summary>Orthogonal weights with a gain, zero bias: CleanRL's layer_init.</summary>
    public void InitialiseOrthogonal(double gain, SeededRandom random)
    {
        Span<T> values = _store.GetValuesForWriting();
        WeightInitialisation.Orthogonal(values.Slice(Weight.Offset, Weight.Length), OutputSize, InputSize, gain, random);
        values.Slice(Bias.Offset, Bias.Length).Clear();
    }

    /// <summary>Xavier/Glorot uniform weights, zero bias.</summary>
    public void InitialiseXavier(double gain, SeededRandom random)
    {
        Span<T> values = _store.GetValuesForWriting();
        WeightInitialisation.XavierUniform(values.Slice(Weight.Offset, Weight.Length), OutputSize, InputSize, gain, random);
        values.Slice(Bias.Offset, Bias.Length).Clear();
    }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, Name);
        int n = batch * InputSize;
        input[..n].CopyTo(_input);
        Span<T> output = _output.AsSpan(0, batch * OutputSize);
        ReadOnlySpan<T> weight = _store.ValuesOf(Weight);
        DenseMath.BroadcastRows(_store.ValuesOf(Bias), output, batch);
        if (_useTransposedWeights)
        {
            RefreshTransposedWeights(weight);
            DenseMath.Multiply<T>(_input, _weightsTransposed, output, batch, InputSize, OutputSize, accumulate: true);
        }
        else
        {
            DenseMath.MultiplyByTransposed<T>(_input, weight, output, batch, InputSize, OutputSize, accumulate: true);
        }

        return output;
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, Name);

        Span<T> weightGradient = _store.GradientsOf(Weight);
        if (_weightGradientViaTranspose)
        {
            // dWᵀ[i, o] = Σ_b X[b, i]·dY[b, o] = (Xᵀ·dY)[i, o].
            DenseMath.MultiplyTransposedLeft<T>(_input, outputGradient, _weightGradientTransposed, InputSize, batch, OutputSize, accumulate: false);
            for (int o = 0; o < OutputSize; o++)
            {
                for (int i = 0; i < InputSize; i++)
                {
                    weightGradient[(o * InputSize) + i] += _weightGradientTransposed[(i * OutputSize) + o];
                }
            }
        }
        else
        {
            // dW[o, i] += Σ_b dY[b, o]·X[b, i] = (dYᵀ·X)[o, i].
            DenseMath.MultiplyTransposedLeft(outputGradient, _input, weightGradient, OutputSize, batch, InputSize, accumulate: true);
        }

        DenseMath.AccumulateColumnSums(outputGradient, _store.GradientsOf(Bias), batch);
        if (!ComputesInputGradient)
        {
            return [];
        }

        // dX = dY·W.
        Span<T> inputGradient = _inputGradient.AsSpan(0, batch * InputSize);
        DenseMath.Multiply(outputGradient, _store.ValuesOf(Weight), inputGradient, batch, OutputSize, InputSize, accumulate: false);
        return inputGradient;
    }

    private void RefreshTransposedWeights(ReadOnlySpan<T> weight)
    {
        if (_transposedAtVersion != _store.Version)
        {
            DenseMath.Transpose(weight, _weightsTransposed, OutputSize, InputSize);
            _transposedAtVersion = _store.Version;
        }
    }
}
