using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Numerics;

/// <summary>
/// Batched dense products on row-major spans, in the three layouts a dense layer needs:
/// forward Y = X·Wᵀ (or X·M with a cached transposed weight), weight gradient dW += dYᵀ·X, input gradient dX = dY·W.
/// Generic over float and double so the double-precision gradient checks run the very code that trains.
/// </summary>
public static class DenseMath
{
    /// <summary>
    /// c[rows×cols] (+)= a·m where a's element (r, k) sits at a[r·aRowStride + k·aColumnStride] and m is
    /// [inner×cols] row-major. With aRowStride = inner, aColumnStride = 1 this is a plain product; with
    /// aRowStride = 1, aColumnStride = rows-of-the-batch it reads a transposed a (the weight-gradient case).
    /// </summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int aRowStride, int aColumnStride,
        ReadOnlySpan<T> m, Span<T> c, int rows, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLength(a, ((rows - 1) * aRowStride) + ((inner - 1) * aColumnStride) + 1, nameof(a), rows, inner);
        CheckLength(m, inner * cols, nameof(m), inner, cols);
        CheckLength(c, rows * cols, nameof(c), rows, cols);
        if (rows == 0 || cols == 0)
        {
            return;
        }

        if (inner == 0)
        {
            if (!accumulate)
            {
                c[..(rows * cols)].Clear();
            }

            return;
        }

        MultiplyTiled(ref MemoryMarshal.GetReference(a), aRowStride, aColumnStride,
            ref MemoryMarshal.GetReference(m), ref MemoryMarshal.GetReference(c), rows, inner, cols, accumulate);
    }

    /// <summary>c[rows×outputs] (+)= x[rows×inner] · w[outputs×inner]ᵀ, one dot product per output: the path for narrow outputs (a policy's logits, a value).</summary>
    public static void MultiplyByTransposed<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> c, int rows, int inner, int outputs, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLength(x, rows * inner, nameof(x), rows, inner);
        CheckLength(w, outputs * inner, nameof(w), outputs, inner);
        CheckLength(c, rows * outputs, nameof(c), rows, outputs);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * inner, inner);
            for (int o = 0; o < outputs; o++)
            {
                T dot = TensorPrimitives.Dot(row, w.Slice(o * inner, inner));
                c[(r * outputs) + o] = accumulate ? c[(r * outputs) + o] + dot : dot;
            }
        }
    }

    /// <summary>Writes the same row (a bias) into every row of <paramref name="destination"/>.</summary>
    public static void BroadcastRows<T>(ReadOnlySpan<T> row, Span<T> destination, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            row.CopyTo(destination.Slice(r * row.Length, row.Length));
        }
    }

    /// <summary>column[j] += Σ_r matrix[r, j]: a bias gradient from the output gradient.</summary>
    public static void AccumulateColumnSums<T>(ReadOnlySpan<T> matrix, Span<T> columnSums, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = columnSums.Length;
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(columnSums, matrix.Slice(r * cols, cols), columnSums);
        }
    }

    /// <summary>destination[cols×rows] = source[rows×cols]ᵀ.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < cols; j++)
            {
                destination[(j * rows) + r] = source[(r * cols) + j];
            }
        }
    }

    // 4 rows × 2 vectors of columns per tile: eight accumulators stay in registers while k runs over the inner
    // dimension, so each loaded slice of m feeds four FMAs and nothing is reduced horizontally. A lone row (batch-1
    // inference) takes 4 vectors of columns at once so four independent FMA chains hide the FMA latency.
    private static void MultiplyTiled<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int rows, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int j = 0;
            for (; j + (2 * w) <= cols; j += 2 * w)
            {
                Tile4x2(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j + w <= cols; j += w)
            {
                Tile4x1(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j < cols; j++)
            {
                for (int rr = r; rr < r + 4; rr++)
                {
                    ScalarCell(ref a, ars, acs, ref m, ref c, rr, j, inner, cols, accumulate);
                }
            }
        }

        for (; r < rows; r++)
        {
            int j = 0;
            for (; j + (4 * w) <= cols; j += 4 * w)
            {
                Tile1x4(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j + w <= cols; j += w)
            {
                Tile1x1(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j < cols; j++)
            {
                ScalarCell(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x1<T>(
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
    private static void Tile1x4<T>(
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
    private static void Tile4x2<T>(
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
    private static void Tile1x1<T>(
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

    private static void ScalarCell<T>(
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

    private static void CheckLength<T>(ReadOnlySpan<T> span, int needed, string name, int rows, int cols)
    {
        if (span.Length < needed)
        {
            throw new ArgumentException(
                $"DenseMath: operand '{name}' holds {span.Length} values but a {rows}×{cols} product needs {needed}.", name);
        }
    }
}
