using System.Numerics;
using System.Numerics.Tensors;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;

namespace Releat.Learning.Layers;

/// <summary>
/// The TFT variable selection network: each input variable (a slice of the row, e.g. one feature window group)
/// is encoded by its own GRN to a common width; a GRN over the whole row followed by a softmax gives one weight
/// per variable; the output is the weighted sum of the encodings. The last weights are kept for inspection.
/// The encoders use <c>encoderActivation</c> (ELU in the paper); the selector keeps the paper's ELU and has its own
/// hidden width, <c>selectorHidden</c> (the common width when not given).
/// </summary>
public sealed class VariableSelectionNetwork<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _variableSizes;
    private readonly int[] _variableOffsets;
    private readonly GatedResidualNetwork<T>[] _encoders;
    private readonly GatedResidualNetwork<T> _selector;
    private readonly Softmax<T> _softmax;
    private readonly T[][] _variableInputs;
    private readonly T[][] _encodings;
    private readonly T[] _weights;
    private readonly T[] _weightGradient;
    private readonly T[] _encodingGradient;
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly int _maxBatch;

    public VariableSelectionNetwork(
        ParameterStore<T> store,
        string name,
        IReadOnlyList<int> variableSizes,
        int width,
        double dropout,
        SeededRandom random,
        int maxBatch,
        ActivationFunction encoderActivation = ActivationFunction.Elu,
        int? selectorHidden = null)
    {
        ArgumentNullException.ThrowIfNull(variableSizes);
        if (variableSizes.Count == 0)
        {
            throw new ArgumentException($"{name}: a variable selection network needs at least one variable.", nameof(variableSizes));
        }

        Name = name;
        _maxBatch = maxBatch;
        _variableSizes = [.. variableSizes];
        _variableOffsets = new int[_variableSizes.Length];
        int total = 0;
        for (int j = 0; j < _variableSizes.Length; j++)
        {
            _variableOffsets[j] = total;
            total += _variableSizes[j];
        }

        InputSize = total;
        OutputSize = width;
        int m = _variableSizes.Length;
        _encoders = new GatedResidualNetwork<T>[m];
        _variableInputs = new T[m][];
        _encodings = new T[m][];
        for (int j = 0; j < m; j++)
        {
            _encoders[j] = new GatedResidualNetwork<T>(
                store, $"{name}.encoders.{j}", _variableSizes[j], width, width, dropout, random, maxBatch, encoderActivation);
            _variableInputs[j] = LayerBuffer.Allocate<T>(maxBatch, _variableSizes[j], name);
            _encodings[j] = LayerBuffer.Allocate<T>(maxBatch, width, name);
        }

        _selector = new GatedResidualNetwork<T>(store, name + ".selector", total, selectorHidden ?? width, m, dropout, random, maxBatch);
        _softmax = new Softmax<T>(m, maxBatch);
        _weights = LayerBuffer.Allocate<T>(maxBatch, m, name);
        _weightGradient = LayerBuffer.Allocate<T>(maxBatch, m, name);
        _encodingGradient = LayerBuffer.Allocate<T>(maxBatch, width, name);
        _output = LayerBuffer.Allocate<T>(maxBatch, width, name);
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, total, name);
    }

    public string Name { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public int VariableCount => _variableSizes.Length;

    /// <summary>The selection weights of the last forward pass, [batch × variables].</summary>
    public ReadOnlySpan<T> LastVariableWeights => _weights;

    public void Initialise(SeededRandom random)
    {
        foreach (GatedResidualNetwork<T> encoder in _encoders)
        {
            encoder.Initialise(random);
        }

        _selector.Initialise(random);
    }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, Name);
        int m = VariableCount, width = OutputSize;
        _softmax.Forward(_selector.Forward(input, batch, training), batch, training).CopyTo(_weights);

        Span<T> output = _output.AsSpan(0, batch * width);
        output.Clear();
        for (int j = 0; j < m; j++)
        {
            GatherColumns(input, _variableInputs[j], batch, _variableOffsets[j], _variableSizes[j]);
            ReadOnlySpan<T> encoding = _encoders[j].Forward(_variableInputs[j], batch, training);
            encoding.CopyTo(_encodings[j]);
            for (int r = 0; r < batch; r++)
            {
                Span<T> outRow = output.Slice(r * width, width);
                TensorPrimitives.MultiplyAdd(encoding.Slice(r * width, width), _weights[(r * m) + j], outRow, outRow);
            }
        }

        return output;
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, Name);
        int m = VariableCount, width = OutputSize;

        // d weight[r, j] = ⟨dy[r], ξⱼ[r]⟩, then back through the softmax and the selector GRN.
        for (int r = 0; r < batch; r++)
        {
            for (int j = 0; j < m; j++)
            {
                _weightGradient[(r * m) + j] = TensorPrimitives.Dot(outputGradient.Slice(r * width, width), _encodings[j].AsSpan(r * width, width));
            }
        }

        ReadOnlySpan<T> logitGradient = _softmax.Backward(_weightGradient.AsSpan(0, batch * m), batch);
        Span<T> inputGradient = _inputGradient.AsSpan(0, batch * InputSize);
        _selector.Backward(logitGradient, batch).CopyTo(inputGradient);

        // dξⱼ[r] = weight[r, j]·dy[r]; each encoder's input gradient lands in its variable's columns.
        for (int j = 0; j < m; j++)
        {
            for (int r = 0; r < batch; r++)
            {
                TensorPrimitives.Multiply(outputGradient.Slice(r * width, width), _weights[(r * m) + j], _encodingGradient.AsSpan(r * width, width));
            }

            ReadOnlySpan<T> variableGradient = _encoders[j].Backward(_encodingGradient.AsSpan(0, batch * width), batch);
            int size = _variableSizes[j], offset = _variableOffsets[j];
            for (int r = 0; r < batch; r++)
            {
                Span<T> target = inputGradient.Slice((r * InputSize) + offset, size);
                TensorPrimitives.Add(target, variableGradient.Slice(r * size, size), target);
            }
        }

        return inputGradient;
    }

    private void GatherColumns(ReadOnlySpan<T> input, Span<T> destination, int batch, int offset, int size)
    {
        for (int r = 0; r < batch; r++)
        {
            input.Slice((r * InputSize) + offset, size).CopyTo(destination.Slice(r * size, size));
        }
    }
}
