using System.Numerics;
using System.Numerics.Tensors;

namespace Releat.Learning.Layers;

/// <summary>Logistic sigmoid, with d/dx = y·(1 − y).</summary>
public sealed class Sigmoid<T>(int size, int maxBatch) : ElementwiseActivation<T>(size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sigmoid(x, y);

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        // dx = (dy·y) − (dy·y)·y
        TensorPrimitives.Multiply(dy, y, dx);
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] -= dx[i] * y[i];
        }
    }
}
