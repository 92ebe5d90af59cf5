using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Numerics;

/// <summary>
/// The logistic function over float spans in one vectorised pass, σ(x) = 1 / (1 + e⁻ˣ) with <see cref="VectorExp"/>
/// (TensorPrimitives.Sigmoid measured about 7 ns an element here). Relative error within a few ulp, tested against
/// the double formula.
/// </summary>
public static class FastSigmoid
{
    public static void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException($"FastSigmoid: destination holds {y.Length} values for {x.Length} inputs.", nameof(y));
        }

        ref float source = ref MemoryMarshal.GetReference(x);
        ref float destination = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i + Vector256<float>.Count <= x.Length; i += Vector256<float>.Count)
        {
            Vector256<float> e = VectorExp.Exp(-Vector256.LoadUnsafe(ref source, (nuint)i));
            (Vector256<float>.One / (Vector256<float>.One + e)).StoreUnsafe(ref destination, (nuint)i);
        }

        for (; i < x.Length; i++)
        {
            y[i] = 1f / (1f + MathF.Exp(-x[i]));
        }
    }
}
