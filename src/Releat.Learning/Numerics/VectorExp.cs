using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Numerics;

/// <summary>
/// eˣ and eˣ − 1 on 8 floats at once, for the float ELU (which needs eˣ − 1 only where x ≤ 0, in the same pass). eˣ = 2ᵏ·eʳ with k = round(x/ln2) and
/// r = x − k·ln2 taken in two parts (Cody-Waite) so r is exact; eʳ by its Taylor series to r⁷ (|r| ≤ ln2/2,
/// truncation below 2e-8 relative). x is clamped to [−87, 88] so 2ᵏ stays a normal float.
/// eˣ − 1 uses its own series to x⁸ for |x| &lt; 0.4, where subtracting 1 from eˣ would cancel.
/// </summary>
internal static class VectorExp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.0f)), Vector256.Create(88.0f));
        Vector256<float> k = Vector256.Round(x * Vector256.Create(1.44269504088896341f));
        Vector256<float> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-0.693359375f), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(2.12194440e-4f), r);
        Vector256<float> p = Vector256.Create(1f / 5040f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 720f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 120f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        Vector256<float> twoToK = ((Vector256.ConvertToInt32(k) + Vector256.Create(127)) << 23).AsSingle();
        return p * twoToK;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpM1(Vector256<float> x)
    {
        Vector256<float> series = Vector256.Create(1f / 40320f);
        series = Vector256.FusedMultiplyAdd(series, x, Vector256.Create(1f / 5040f));
        series = Vector256.FusedMultiplyAdd(series, x, Vector256.Create(1f / 720f));
        series = Vector256.FusedMultiplyAdd(series, x, Vector256.Create(1f / 120f));
        series = Vector256.FusedMultiplyAdd(series, x, Vector256.Create(1f / 24f));
        series = Vector256.FusedMultiplyAdd(series, x, Vector256.Create(1f / 6f));
        series = Vector256.FusedMultiplyAdd(series, x, Vector256.Create(0.5f));
        series = Vector256.FusedMultiplyAdd(series, x, Vector256<float>.One);
        series *= x;
        Vector256<float> direct = Exp(x) - Vector256<float>.One;
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(0.4f)), series, direct);
    }
}
