using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Releat.Learning.Numerics;

namespace Releat.Learning.Layers;

/// <summary>ELU (Clevert et al. 2016): x for x &gt; 0, α(eˣ − 1) otherwise; for x ≤ 0 the derivative is y + α.</summary>
public sealed class Elu<T> : ElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _alpha;

    public Elu(int size, int maxBatch, double alpha = 1.0)
        : base(size, maxBatch)
    {
        if (!(alpha > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Elu: alpha must be positive.");
        }

        _alpha = T.CreateChecked(alpha);
    }

    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        int i = 0;
        if (typeof(T) == typeof(float))
        {
            // Eight at a time: α·(eˣ − 1) for every lane, then keep x where it is positive.
            ReadOnlySpan<float> xf = MemoryMarshal.Cast<T, float>(x);
            Span<float> yf = MemoryMarshal.Cast<T, float>(y);
            var alpha = Vector256.Create(float.CreateChecked(_alpha));
            for (; i + Vector256<float>.Count <= y.Length; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.Create(xf.Slice(i, Vector256<float>.Count));
                Vector256<float> negative = alpha * VectorExp.ExpM1(Vector256.Min(v, Vector256<float>.Zero));
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<float>.Zero), v, negative).CopyTo(yf.Slice(i, Vector256<float>.Count));
            }
        }

        for (; i < y.Length; i++)
        {
            y[i] = x[i] > T.Zero ? x[i] : _alpha * T.ExpM1(x[i]);
        }
    }

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = y[i] > T.Zero ? dy[i] : dy[i] * (y[i] + _alpha);
        }
    }
}
