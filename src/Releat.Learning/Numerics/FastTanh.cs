using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Numerics;

/// <summary>
/// tanh over float spans in one vectorised pass (TensorPrimitives.Tanh measured slower than scalar MathF.Tanh here).
/// |x| &lt; 0.4: the odd Taylor series to x¹⁵ (truncation near 1e-10 relative), avoiding the cancellation of
/// the other form near zero. Otherwise
/// tanh|x| = 1 − 2/(e^{2|x|} + 1) with <see cref="VectorExp"/>; |x| is clamped at 9, where tanh already rounds to 1
/// in float. Error: about 2 ulp, tested against Math.Tanh.
/// </summary>
public static class FastTanh
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException($"FastTanh: destination holds {y.Length} values for {x.Length} inputs.", nameof(y));
        }

        ref float source = ref MemoryMarshal.GetReference(x);
        ref float destination = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + Vector256<float>.Count <= x.Length; i += Vector256<float>.Count)
        {
            Tanh(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.Tanh(x[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> sign = x & Vector256.Create(-0.0f);
        Vector256<float> ax = Vector256.Min(Vector256.Abs(x), Vector256.Create(9.0f));

        // Small |x|: x·(1 − x²/3 + 2x⁴/15 − 17x⁶/315 + 62x⁸/2835 − 1382x¹⁰/155925 + 21844x¹²/6081075 − 929569x¹⁴/638512875).
        Vector256<float> x2 = ax * ax;
        Vector256<float> series = Vector256.Create(-929569f / 638512875f);
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256.Create(21844f / 6081075f));
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256.Create(-1382f / 155925f));
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256.Create(62f / 2835f));
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256.Create(-17f / 315f));
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256.Create(2f / 15f));
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256.Create(-1f / 3f));
        series = Vector256.FusedMultiplyAdd(series, x2, Vector256<float>.One);
        series *= ax;

        // Large |x|: 1 − 2/(e^{2|x|} + 1).
        Vector256<float> exp = VectorExp.Exp(ax + ax);
        Vector256<float> large = Vector256<float>.One - (Vector256.Create(2.0f) / (exp + Vector256<float>.One));

        Vector256<float> magnitude = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(0.4f)), series, large);
        return magnitude | sign;
    }
}
