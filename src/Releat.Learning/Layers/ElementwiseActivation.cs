using System.Numerics;

namespace Releat.Learning.Layers;

/// <summary>
/// The shared shape of pointwise activations: y = f(x), and dx = dy·f'(x). Most derivatives are functions of the
/// output y (tanh, sigmoid, ELU, ReLU), so only y is kept; an activation whose derivative needs the input itself
/// (GELU, SiLU) asks for it with <c>keepsInput</c> and the forward pass copies x into a buffer of its own.
/// Each concrete activation supplies the two span functions.
/// </summary>
public abstract class ElementwiseActivation<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _input;
    private readonly T[] _output;
    private readonly T[] _inputGradient;
    private readonly int _maxBatch;
    private readonly string _name;

    protected ElementwiseActivation(int size, int maxBatch, bool keepsInput = false)
    {
        InputSize = OutputSize = size;
        _maxBatch = maxBatch;
        _name = GetType().Name; // cached: Type.Name of a generic type allocates on every call
        _output = LayerBuffer.Allocate<T>(maxBatch, size, _name);
        _inputGradient = LayerBuffer.Allocate<T>(maxBatch, size, _name);
        _input = keepsInput ? LayerBuffer.Allocate<T>(maxBatch, size, _name) : [];
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, input.Length, InputSize, _name);
        int n = batch * InputSize;
        if (_input.Length > 0)
        {
            input[..n].CopyTo(_input); // the caller's buffer may change before Backward
        }

        Span<T> output = _output.AsSpan(0, n);
        Activate(input[..n], output);
        return output;
    }

    public ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch)
    {
        LayerBuffer.CheckBatch(batch, _maxBatch, outputGradient.Length, OutputSize, _name);
        int n = batch * InputSize;
        Span<T> inputGradient = _inputGradient.AsSpan(0, n);
        ReadOnlySpan<T> x = _input.Length > 0 ? _input.AsSpan(0, n) : [];
        Differentiate(x, _output.AsSpan(0, n), outputGradient[..n], inputGradient);
        return inputGradient;
    }

    /// <summary>y = f(x).</summary>
    protected abstract void Activate(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>
    /// dx = dy·f'(x), from the forward output y and, for an activation built with <c>keepsInput</c>, the forward
    /// input x (empty otherwise).
    /// </summary>
    protected abstract void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);
}
