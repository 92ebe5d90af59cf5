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
    // Cache blocking: one panel of m (InnerBlock rows × ColumnPanel columns: 64 KB of float) is reused by every row
    // tile before the next panel, so products bigger than the caches read each operand once per panel. The small
    // layers of an RL agent fit in one panel.
    private const int InnerBlock = 128;
    private const int ColumnPanel = 128;

    /// <summary>
    /// c[rows×cols] (+)= a[rows×inner]·m[inner×cols]: a layer's forward pass on transposed weights (Y = X·Wᵀ kept as
    /// X·M) and its input gradient dX = dY·W.
    /// </summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> m, Span<T> c, int rows, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyStrided(a, inner, 1, m, c, rows, inner, cols, accumulate);

    /// <summary>
    /// c[rows×cols] (+)= aᵀ·m with a stored [inner×rows] and m [inner×cols]: the weight gradient dW += dYᵀ·X, summed
    /// over the batch (inner) without transposing dY first.
    /// </summary>
    public static void MultiplyTransposedLeft<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> m, Span<T> c, int rows, int inner, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MultiplyStrided(a, 1, rows, m, c, rows, inner, cols, accumulate);

    /// <summary>
    /// The engine of both: c[rows×cols] (+)= a·m where a's element (r, k) sits at a[r·aRowStride + k·aColumnStride]
    /// and m is [inner×cols] row-major.
    /// </summary>
    public static void MultiplyStrided<T>(
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

        ref T aStart = ref MemoryMarshal.GetReference(a);
        ref T mStart = ref MemoryMarshal.GetReference(m);
        ref T cStart = ref MemoryMarshal.GetReference(c);
        for (int k0 = 0; k0 < inner; k0 += InnerBlock)
        {
            int innerLength = Math.Min(InnerBlock, inner - k0);
            ref T aBlock = ref Unsafe.Add(ref aStart, (nint)k0 * aColumnStride);
            ref T mBlock = ref Unsafe.Add(ref mStart, (nint)k0 * cols);
            for (int j0 = 0; j0 < cols; j0 += ColumnPanel)
            {
                MultiplyTiled(ref aBlock, aRowStride, aColumnStride, ref mBlock, ref cStart, rows, innerLength, cols,
                    j0, Math.Min(cols, j0 + ColumnPanel), accumulate || k0 > 0);
            }
        }
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
            Span<T> outRow = c.Slice(r * outputs, outputs);
            int o = 0;
            for (; o + 4 <= outputs; o += 4)
            {
                DenseTiles.Dot4(row, w.Slice(o * inner, 4 * inner), outRow.Slice(o, 4), accumulate);
            }

            for (; o < outputs; o++)
            {
                T dot = TensorPrimitives.Dot(row, w.Slice(o * inner, inner));
                outRow[o] = accumulate ? outRow[o] + dot : dot;
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
    // Columns [columnBegin, columnEnd) of c; cols is the row stride of m and c.
    private static void MultiplyTiled<T>(
        ref T a, int ars, int acs, ref T m, ref T c, int rows, int inner, int cols, int columnBegin, int columnEnd, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int j = columnBegin;
            for (; j + (2 * w) <= columnEnd; j += 2 * w)
            {
                DenseTiles.Tile4x2(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j + w <= columnEnd; j += w)
            {
                DenseTiles.Tile4x1(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j < columnEnd; j++)
            {
                for (int rr = r; rr < r + 4; rr++)
                {
                    DenseTiles.ScalarCell(ref a, ars, acs, ref m, ref c, rr, j, inner, cols, accumulate);
                }
            }
        }

        for (; r < rows; r++)
        {
            int j = columnBegin;
            for (; j + (4 * w) <= columnEnd; j += 4 * w)
            {
                DenseTiles.Tile1x4(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j + w <= columnEnd; j += w)
            {
                DenseTiles.Tile1x1(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }

            for (; j < columnEnd; j++)
            {
                DenseTiles.ScalarCell(ref a, ars, acs, ref m, ref c, r, j, inner, cols, accumulate);
            }
        }
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
