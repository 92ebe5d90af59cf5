using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Layers;

/// <summary>tanh, with d/dx = 1 − y².</summary>
public sealed class Tanh<T>(int size, int maxBatch) : ElementwiseActivation<T>(size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tanh(x, y);

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        // dx = dy·(1 − y²) in one pass.
        int i = 0;
        for (; i + Vector256<T>.Count <= dx.Length; i += Vector256<T>.Count)
        {
            Vector256<T> yv = Vector256.Create(y.Slice(i, Vector256<T>.Count));
            Vector256<T> dyv = Vector256.Create(dy.Slice(i, Vector256<T>.Count));
            (dyv - (dyv * yv * yv)).CopyTo(dx.Slice(i, Vector256<T>.Count));
        }

        for (; i < dx.Length; i++)
        {
            dx[i] = dy[i] - (dy[i] * y[i] * y[i]);
        }
    }
}
