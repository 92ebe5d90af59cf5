using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Layers;

/// <summary>
/// SiLU, or swish with β = 1 (Elfwing et al. 2018): y = x·σ(x), and dy/dx = σ(x) + y·(1 − σ(x)). σ(x) cannot be
/// told from y alone (y/x fails at 0), so the input is kept and σ recomputed in the backward pass.
/// </summary>
public sealed class Silu<T>(int size, int maxBatch) : ElementwiseActivation<T>(size, maxBatch, keepsInput: true)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        TensorPrimitives.Sigmoid(x, y);
        TensorPrimitives.Multiply(x, y, y);
    }

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TensorPrimitives.Sigmoid(x, dx); // dx holds σ(x) until each lane is overwritten below

        // dx = dy·(σ + y − y·σ) in one pass.
        int i = 0;
        for (; i + Vector256<T>.Count <= dx.Length; i += Vector256<T>.Count)
        {
            Vector256<T> s = Vector256.Create((ReadOnlySpan<T>)dx.Slice(i, Vector256<T>.Count));
            Vector256<T> yv = Vector256.Create(y.Slice(i, Vector256<T>.Count));
            (Vector256.Create(dy.Slice(i, Vector256<T>.Count)) * (s + yv - (yv * s))).CopyTo(dx.Slice(i, Vector256<T>.Count));
        }

        for (; i < dx.Length; i++)
        {
            dx[i] = dy[i] * (dx[i] + y[i] - (y[i] * dx[i]));
        }
    }
}
