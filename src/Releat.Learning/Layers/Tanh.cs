using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Releat.Learning.Numerics;

namespace Releat.Learning.Layers;

/// <summary>tanh, with d/dx = 1 − y².</summary>
public sealed class Tanh<T>(int size, int maxBatch) : ElementwiseActivation<T>(size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        if (typeof(T) == typeof(float))
        {
            FastTanh.Apply(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
        }
        else
        {
            TensorPrimitives.Tanh(x, y);
        }
    }

    protected override void Differentiate(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        // dx = dy − (dy·y)·y
        TensorPrimitives.Multiply(dy, y, dx);
        TensorPrimitives.Multiply(dx, y, dx);
        TensorPrimitives.Subtract(dy, dx, dx);
    }
}
