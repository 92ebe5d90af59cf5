using Releat.Learning.Layers;
using Releat.Learning.Numerics;

namespace Releat.Learning.Tests;

public sealed class WeightInitialisationTests
{
    [Theory]
    [InlineData(64, 4, 1.4142135623730951)]
    [InlineData(2, 64, 0.01)]
    [InlineData(64, 64, 1.0)]
    public void Orthogonal_rows_or_columns_are_orthonormal_times_the_gain(int rows, int cols, double gain)
    {
        double[] w = new double[rows * cols];
        WeightInitialisation.Orthogonal<double>(w, rows, cols, gain, new SeededRandom(3));

        // For a tall matrix WᵀW = gain²·I; for a wide one WWᵀ = gain²·I.
        bool tall = rows >= cols;
        int n = tall ? cols : rows, length = tall ? rows : cols;
        for (int p = 0; p < n; p++)
        {
            for (int q = 0; q < n; q++)
            {
                double dot = 0;
                for (int i = 0; i < length; i++)
                {
                    dot += tall ? w[(i * cols) + p] * w[(i * cols) + q] : w[(p * cols) + i] * w[(q * cols) + i];
                }

                Assert.Equal(p == q ? gain * gain : 0.0, dot, 10);
            }
        }
    }

    [Fact]
    public void Initialisation_repeats_for_a_seed_and_differs_across_seeds()
    {
        float[] a = new float[64], b = new float[64], c = new float[64];
        WeightInitialisation.Orthogonal<float>(a, 8, 8, 1, new SeededRandom(1));
        WeightInitialisation.Orthogonal<float>(b, 8, 8, 1, new SeededRandom(1));
        WeightInitialisation.Orthogonal<float>(c, 8, 8, 1, new SeededRandom(2));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Xavier_stays_within_its_bound()
    {
        float[] w = new float[30 * 20];
        WeightInitialisation.XavierUniform<float>(w, 30, 20, 1.0, new SeededRandom(4));
        double bound = Math.Sqrt(6.0 / 50);
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.8 * bound && w.Min() < -0.8 * bound);
    }
}
