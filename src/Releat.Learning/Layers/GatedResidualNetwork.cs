using System.Numerics;
using System.Numerics.Tensors;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;

namespace Releat.Learning.Layers;

/// <summary>
/// The Temporal Fusion Transformer's gated residual network (Lim et al. 2021):
/// η₂ = f(W₂x + b₂), η₁ = W₁η₂ + b₁, dropout, g = GLU(η₁), y = LayerNorm(skip(x) + g),
/// where skip is a linear projection when the input and output widths differ and the identity otherwise.
/// f is ELU in the paper and by default here; an agent config's group encoders may name another.
/// </summary>
public sealed class GatedResidualNetwork<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Linear<T> _hidden;
    private readonly ElementwiseActivation<T> _activation;
    private readonly Linear<T> _dense;
    private readonly Dropout<T> _dropout;
    private readonly Linear<T> _gateInput;
    private readonly GatedLinearUnit<T> _gate;
    private readonly Linear<T>? _skip;
    private readonly LayerNorm<T> _norm;
    private readonly T[] _residual;
    private readonly T[] _inputGradient;
    private readonly int _maxBatch;

    public GatedResidualNetwork(
        ParameterStore<T> store,
        string name,
        int inputs,
        int hidden,
        int outputs,
        double dropout,
        SeededRandom random,
        int maxBatch,
        ActivationFunction activation = ActivationFunction.Elu)
    {
        Name = name;
        InputSize = inputs;
        OutputSize = outputs;
        _maxBatch = maxBatch;
        _hidden = new Linear<T>(store, name + ".hidden", inputs, hidden, maxBatch);
        _activation = ActivationLayer.Create<T>(activation, hidden, maxBatch);
        _dense = new Linear<T>(store, name + ".dense", hidden, hidden, maxBatch);
        _dropout = new Dropout<T>(hidden, maxBatch, dropout, random);
        _gateInput = new Linear<T>(store, name + ".gate", hidden, 2 * outputs, maxBatch);
        _gate = new GatedLinearUnit<T>(outputs, maxBatch);
        _skip = inputs == outputs ? null : new Linear<T>(store, name + ".skip", inputs, outputs, maxBatch);
        _norm = new LayerNorm<T>(store, name + ".norm", outputs, maxBatch);
        _residual = LayerBuffer.Allocate<T>(maxBatch, outputs, name);
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, inputs, name);
    }

    public string Name { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>Xavier-uniform dense weights (the TFT reference's choice), identity layer norm.</summary>
    public void Initialise(SeededRandom random)
    {
        _hidden.InitialiseXavier(1.0, random);
        _dense.InitialiseXavier(1.0, random);
        _gateInput.InitialiseXavier(1.0, random);
        _skip?.InitialiseXavier(1.0, random);
        _norm.Initialise();
    }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, Name);
        ReadOnlySpan<T> h = _hidden.Forward(input, batch, training);
        h = _activation.Forward(h, batch, training);
        h = _dense.Forward(h, batch, training);
        h = _dropout.Forward(h, batch, training);
        h = _gateInput.Forward(h, batch, training);
        ReadOnlySpan<T> gated = _gate.Forward(h, batch, training);

        int n = batch * OutputSize;
        Span<T> residual = _residual.AsSpan(0, n);
        ReadOnlySpan<T> skip = _skip is null ? input[..n] : _skip.Forward(input, batch, training);
        TensorPrimitives.Add(skip, gated, residual);
        return _norm.Forward(residual, batch, training);
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        ReadOnlySpan<T> residualGradient = _norm.Backward(outputGradient, batch);

        ReadOnlySpan<T> g = _gate.Backward(residualGradient, batch);
        g = _gateInput.Backward(g, batch);
        g = _dropout.Backward(g, batch);
        g = _dense.Backward(g, batch);
        g = _activation.Backward(g, batch);
        g = _hidden.Backward(g, batch);

        int n = batch * InputSize;
        Span<T> inputGradient = _inputGradient.AsSpan(0, n);
        ReadOnlySpan<T> skipGradient = _skip is null ? residualGradient : _skip.Backward(residualGradient, batch);
        TensorPrimitives.Add(g[..n], skipGradient[..n], inputGradient);
        return inputGradient;
    }
}
