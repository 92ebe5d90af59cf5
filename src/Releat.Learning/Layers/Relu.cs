using System.Numerics;
using System.Numerics.Tensors;

namespace Releat.Learning.Layers;

/// <summary>max(0, x); the gradient passes where the output is positive (zero at x = 0, as PyTorch).</summary>
public sealed class Relu<T>(int size, int maxBatch) : ElementwiseActivation<T>(size, maxBatch)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, T.Zero, y);

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = y[i] > T.Zero ? dy[i] : T.Zero;
        }
    }
}
