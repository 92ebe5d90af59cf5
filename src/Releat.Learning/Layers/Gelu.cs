using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Releat.Learning.Numerics;

namespace Releat.Learning.Layers;

/// <summary>
/// GELU (Hendrycks and Gimpel 2016), the exact form y = x·Φ(x) with Φ the standard normal CDF, and
/// dy/dx = Φ(x) + x·φ(x). Exact rather than the tanh approximation because it is PyTorch's nn.GELU() default
/// (approximate='none'): weights saved under PyTorch's names compute the same function there. The approximation
/// would save nothing: the float path evaluates Φ from one exp and one division (Hastings' erfc, error below 7.5e-8,
/// see <see cref="VectorNormal"/>), the same work as a tanh. Other precisions sum erf's series to full precision,
/// so gradient checks in double test the exact derivative.
/// </summary>
public sealed class Gelu<T>(int size, int maxBatch) : ElementwiseActivation<T>(size, maxBatch, keepsInput: true)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        if (typeof(T) == typeof(float))
        {
            // Eight at a time; the last partial group is padded, so every value goes through the same formula.
            ReadOnlySpan<float> xf = MemoryMarshal.Cast<T, float>(x);
            Span<float> yf = MemoryMarshal.Cast<T, float>(y);
            int i = 0;
            for (; i + Vector256<float>.Count <= yf.Length; i += Vector256<float>.Count)
            {
                Activate(Vector256.Create(xf.Slice(i, Vector256<float>.Count))).CopyTo(yf.Slice(i, Vector256<float>.Count));
            }

            if (i < yf.Length)
            {
                FloatLanes.StorePartial(Activate(FloatLanes.LoadPartial(xf[i..])), yf[i..]);
            }

            return;
        }

        for (int i = 0; i < y.Length; i++)
        {
            double xi = double.CreateTruncating(x[i]);
            y[i] = T.CreateTruncating(xi * NormalDistribution.Cdf(xi));
        }
    }

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> xf = MemoryMarshal.Cast<T, float>(x);
            ReadOnlySpan<float> dyf = MemoryMarshal.Cast<T, float>(dy);
            Span<float> dxf = MemoryMarshal.Cast<T, float>(dx);
            int i = 0;
            for (; i + Vector256<float>.Count <= dxf.Length; i += Vector256<float>.Count)
            {
                Vector256<float> slope = Slope(Vector256.Create(xf.Slice(i, Vector256<float>.Count)));
                (Vector256.Create(dyf.Slice(i, Vector256<float>.Count)) * slope).CopyTo(dxf.Slice(i, Vector256<float>.Count));
            }

            if (i < dxf.Length)
            {
                FloatLanes.StorePartial(FloatLanes.LoadPartial(dyf[i..]) * Slope(FloatLanes.LoadPartial(xf[i..])), dxf[i..]);
            }

            return;
        }

        for (int i = 0; i < dx.Length; i++)
        {
            double xi = double.CreateTruncating(x[i]);
            dx[i] = dy[i] * T.CreateTruncating(NormalDistribution.Cdf(xi) + (xi * NormalDistribution.Density(xi)));
        }
    }

    private static Vector256<float> Activate(Vector256<float> x) => x * VectorNormal.CdfAndDensity(x).Cdf;

    /// <summary>Φ(x) + x·φ(x).</summary>
    private static Vector256<float> Slope(Vector256<float> x)
    {
        (Vector256<float> cdf, Vector256<float> density) = VectorNormal.CdfAndDensity(x);
        return Vector256.FusedMultiplyAdd(x, density, cdf);
    }
}
