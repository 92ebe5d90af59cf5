using System.Numerics;
using Releat.Learning.Numerics;

namespace Releat.Learning.Layers;

/// <summary>Seeded weight initialisers: orthogonal (Saxe et al. 2014, as torch.nn.init.orthogonal_) and Xavier/Glorot.</summary>
public static class WeightInitialisation
{
    /// <summary>
    /// Fills a [rows, cols] matrix with a scaled (semi-)orthogonal one: Gram-Schmidt on the columns of a tall
    /// Gaussian matrix gives the Q of its QR decomposition with a positive-diagonal R, which is the sign convention
    /// PyTorch applies; a wide matrix is the transpose of a tall one.
    /// </summary>
    public static void Orthogonal<T>(Span<T> weights, int rows, int cols, double gain, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        if (weights.Length != rows * cols)
        {
            throw new ArgumentException($"Orthogonal init: {weights.Length} values for a {rows}×{cols} matrix.", nameof(weights));
        }

        int tall = Math.Max(rows, cols), narrow = Math.Min(rows, cols);
        double[] q = new double[tall * narrow]; // column-major: column c is q[c*tall .. c*tall+tall)
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = random.NextGaussian();
        }

        for (int c = 0; c < narrow; c++)
        {
            Span<double> column = q.AsSpan(c * tall, tall);
            for (int p = 0; p < c; p++)
            {
                ReadOnlySpan<double> previous = q.AsSpan(p * tall, tall);
                double projection = Dot(column, previous);
                for (int i = 0; i < tall; i++)
                {
                    column[i] -= projection * previous[i];
                }
            }

            double norm = Math.Sqrt(Dot(column, column));
            for (int i = 0; i < tall; i++)
            {
                column[i] /= norm;
            }
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                // Tall: W[r, c] = Q[r, c]. Wide: W = Qᵀ, so W[r, c] = Q[c, r].
                double value = rows >= cols ? q[(c * tall) + r] : q[(r * tall) + c];
                weights[(r * cols) + c] = T.CreateChecked(gain * value);
            }
        }
    }

    /// <summary>Uniform in ±gain·sqrt(6 / (fan_in + fan_out)) for a [fanOut, fanIn] weight.</summary>
    public static void XavierUniform<T>(Span<T> weights, int fanOut, int fanIn, double gain, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = T.CreateChecked(random.NextUniform(-bound, bound));
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
