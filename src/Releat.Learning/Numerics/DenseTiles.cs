using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Numerics;

/// <summary>
/// The register tiles behind <see cref="DenseMath.MultiplyStrided{T}"/>: each computes a small block of c = a·m with its
/// accumulators in registers (see the names: rows × vectors of columns), broadcasting a's element and FMA-ing rows of m.
/// </summary>
internal static class DenseTiles
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile4x1<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int r, int j, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint c0 = (nuint)((r * cols) + j), c1 = c0 + (nuint)cols, c2 = c1 + (nuint)cols, c3 = c2 + (nuint)cols;
        Vector256<T> s0, s1, s2, s3;
        if (accumulate)
        {
            s0 = Vector256.LoadUnsafe(ref c, c0); s1 = Vector256.LoadUnsafe(ref c, c1);
            s2 = Vector256.LoadUnsafe(ref c, c2); s3 = Vector256.LoadUnsafe(ref c, c3);
        }
        else
        {
            s0 = s1 = s2 = s3 = Vector256<T>.Zero;
        }

        nint a0 = (nint)r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        nuint mk = (nuint)j;
        for (int k = 0; k < inner; k++, mk += (nuint)cols)
        {
            Vector256<T> m0 = Vector256.LoadUnsafe(ref m, mk);
            nint ak = (nint)k * acs;
            s0 = Fma(Vector256.Create(Unsafe.Add(ref a, a0 + ak)), m0, s0);
            s1 = Fma(Vector256.Create(Unsafe.Add(ref a, a1 + ak)), m0, s1);
            s2 = Fma(Vector256.Create(Unsafe.Add(ref a, a2 + ak)), m0, s2);
            s3 = Fma(Vector256.Create(Unsafe.Add(ref a, a3 + ak)), m0, s3);
        }

        s0.StoreUnsafe(ref c, c0); s1.StoreUnsafe(ref c, c1);
        s2.StoreUnsafe(ref c, c2); s3.StoreUnsafe(ref c, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile1x4<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int r, int j, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint wv = (nuint)Vector256<T>.Count;
        nuint c0 = (nuint)((r * cols) + j);
        Vector256<T> s0, s1, s2, s3;
        if (accumulate)
        {
            s0 = Vector256.LoadUnsafe(ref c, c0); s1 = Vector256.LoadUnsafe(ref c, c0 + wv);
            s2 = Vector256.LoadUnsafe(ref c, c0 + (2 * wv)); s3 = Vector256.LoadUnsafe(ref c, c0 + (3 * wv));
        }
        else
        {
            s0 = s1 = s2 = s3 = Vector256<T>.Zero;
        }

        nint a0 = (nint)r * ars;
        nuint mk = (nuint)j;
        for (int k = 0; k < inner; k++, mk += (nuint)cols)
        {
            Vector256<T> x = Vector256.Create(Unsafe.Add(ref a, a0 + ((nint)k * acs)));
            s0 = Fma(x, Vector256.LoadUnsafe(ref m, mk), s0);
            s1 = Fma(x, Vector256.LoadUnsafe(ref m, mk + wv), s1);
            s2 = Fma(x, Vector256.LoadUnsafe(ref m, mk + (2 * wv)), s2);
            s3 = Fma(x, Vector256.LoadUnsafe(ref m, mk + (3 * wv)), s3);
        }

        s0.StoreUnsafe(ref c, c0); s1.StoreUnsafe(ref c, c0 + wv);
        s2.StoreUnsafe(ref c, c0 + (2 * wv)); s3.StoreUnsafe(ref c, c0 + (3 * wv));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile4x2<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int r, int j, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        nuint c0 = (nuint)((r * cols) + j), c1 = c0 + (nuint)cols, c2 = c1 + (nuint)cols, c3 = c2 + (nuint)cols;
        nuint wv = (nuint)w;
        Vector256<T> s00, s01, s10, s11, s20, s21, s30, s31;
        if (accumulate)
        {
            s00 = Vector256.LoadUnsafe(ref c, c0); s01 = Vector256.LoadUnsafe(ref c, c0 + wv);
            s10 = Vector256.LoadUnsafe(ref c, c1); s11 = Vector256.LoadUnsafe(ref c, c1 + wv);
            s20 = Vector256.LoadUnsafe(ref c, c2); s21 = Vector256.LoadUnsafe(ref c, c2 + wv);
            s30 = Vector256.LoadUnsafe(ref c, c3); s31 = Vector256.LoadUnsafe(ref c, c3 + wv);
        }
        else
        {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = Vector256<T>.Zero;
        }

        nint a0 = (nint)r * ars, a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
        nuint mk = (nuint)j;
        for (int k = 0; k < inner; k++, mk += (nuint)cols)
        {
            Vector256<T> m0 = Vector256.LoadUnsafe(ref m, mk);
            Vector256<T> m1 = Vector256.LoadUnsafe(ref m, mk + wv);
            nint ak = (nint)k * acs;
            Vector256<T> x0 = Vector256.Create(Unsafe.Add(ref a, a0 + ak));
            s00 = Fma(x0, m0, s00); s01 = Fma(x0, m1, s01);
            Vector256<T> x1 = Vector256.Create(Unsafe.Add(ref a, a1 + ak));
            s10 = Fma(x1, m0, s10); s11 = Fma(x1, m1, s11);
            Vector256<T> x2 = Vector256.Create(Unsafe.Add(ref a, a2 + ak));
            s20 = Fma(x2, m0, s20); s21 = Fma(x2, m1, s21);
            Vector256<T> x3 = Vector256.Create(Unsafe.Add(ref a, a3 + ak));
            s30 = Fma(x3, m0, s30); s31 = Fma(x3, m1, s31);
        }

        s00.StoreUnsafe(ref c, c0); s01.StoreUnsafe(ref c, c0 + wv);
        s10.StoreUnsafe(ref c, c1); s11.StoreUnsafe(ref c, c1 + wv);
        s20.StoreUnsafe(ref c, c2); s21.StoreUnsafe(ref c, c2 + wv);
        s30.StoreUnsafe(ref c, c3); s31.StoreUnsafe(ref c, c3 + wv);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile1x1<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int r, int j, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint c0 = (nuint)((r * cols) + j);
        Vector256<T> s = accumulate ? Vector256.LoadUnsafe(ref c, c0) : Vector256<T>.Zero;
        nint a0 = (nint)r * ars;
        nuint mk = (nuint)j;
        for (int k = 0; k < inner; k++, mk += (nuint)cols)
        {
            s = Fma(Vector256.Create(Unsafe.Add(ref a, a0 + ((nint)k * acs))), Vector256.LoadUnsafe(ref m, mk), s);
        }

        s.StoreUnsafe(ref c, c0);
    }

    public static void ScalarCell<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int r, int j, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T cell = ref Unsafe.Add(ref c, (r * cols) + j);
        T s = accumulate ? cell : T.Zero;
        nint a0 = (nint)r * ars;
        for (int k = 0; k < inner; k++)
        {
            s = T.FusedMultiplyAdd(Unsafe.Add(ref a, a0 + ((nint)k * acs)), Unsafe.Add(ref m, (k * cols) + j), s);
        }

        cell = s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
        }

        return (x * y) + addend;
    }

    /// <summary>Four dot products of one row with four consecutive weight rows, sharing each load of the row.</summary>
    public static void Dot4<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> weights, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inner = row.Length;
        ref T x = ref MemoryMarshal.GetReference(row);
        ref T w = ref MemoryMarshal.GetReference(weights);
        nuint w1 = (nuint)inner, w2 = 2 * w1, w3 = 3 * w1;
        Vector256<T> s0 = Vector256<T>.Zero, s1 = Vector256<T>.Zero, s2 = Vector256<T>.Zero, s3 = Vector256<T>.Zero;
        int k = 0;
        for (; k + Vector256<T>.Count <= inner; k += Vector256<T>.Count)
        {
            nuint at = (nuint)k;
            Vector256<T> xv = Vector256.LoadUnsafe(ref x, at);
            s0 = Fma(xv, Vector256.LoadUnsafe(ref w, at), s0);
            s1 = Fma(xv, Vector256.LoadUnsafe(ref w, at + w1), s1);
            s2 = Fma(xv, Vector256.LoadUnsafe(ref w, at + w2), s2);
            s3 = Fma(xv, Vector256.LoadUnsafe(ref w, at + w3), s3);
        }

        T d0 = Vector256.Sum(s0), d1 = Vector256.Sum(s1), d2 = Vector256.Sum(s2), d3 = Vector256.Sum(s3);
        for (; k < inner; k++)
        {
            T xk = row[k];
            d0 += xk * weights[k];
            d1 += xk * weights[inner + k];
            d2 += xk * weights[(2 * inner) + k];
            d3 += xk * weights[(3 * inner) + k];
        }

        if (accumulate)
        {
            destination[0] += d0;
            destination[1] += d1;
            destination[2] += d2;
            destination[3] += d3;
        }
        else
        {
            destination[0] = d0;
            destination[1] = d1;
            destination[2] = d2;
            destination[3] = d3;
        }
    }
}
