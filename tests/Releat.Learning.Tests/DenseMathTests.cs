using Releat.Learning.Numerics;

namespace Releat.Learning.Tests;

public sealed class DenseMathTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 64, 64)]
    [InlineData(7, 5, 19)]
    [InlineData(128, 4, 64)]
    [InlineData(3, 33, 2)]
    [InlineData(5, 19, 7)] // narrow outputs: four dot products at a time plus one
    [InlineData(9, 17, 40)]
    [InlineData(6, 300, 270)] // several inner blocks and column panels
    [InlineData(130, 129, 131)]
    public void Multiply_agrees_with_the_schoolbook_product_in_every_layout(int rows, int inner, int cols)
    {
        var random = new SeededRandom((ulong)((rows * 1000) + (inner * 10) + cols));
        float[] a = Floats(random, rows * inner), m = Floats(random, inner * cols), c = Floats(random, rows * cols);
        float[] expected = new float[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < cols; j++)
            {
                double s = c[(r * cols) + j];
                for (int k = 0; k < inner; k++)
                {
                    s += (double)a[(r * inner) + k] * m[(k * cols) + j];
                }

                expected[(r * cols) + j] = (float)s;
            }
        }

        float[] plain = (float[])c.Clone();
        DenseMath.Multiply<float>(a, m, plain, rows, inner, cols, accumulate: true);
        AssertNear(expected, plain);

        // The same product with a stored transposed (the weight-gradient layout).
        float[] aTransposed = new float[inner * rows];
        DenseMath.Transpose<float>(a, aTransposed, rows, inner);
        float[] viaTransposed = (float[])c.Clone();
        DenseMath.MultiplyTransposedLeft<float>(aTransposed, m, viaTransposed, rows, inner, cols, accumulate: true);
        AssertNear(expected, viaTransposed);

        // x·Wᵀ with W = mᵀ stored [cols × inner].
        float[] w = new float[cols * inner];
        DenseMath.Transpose<float>(m, w, inner, cols);
        float[] byTransposed = (float[])c.Clone();
        DenseMath.MultiplyByTransposed<float>(a, w, byTransposed, rows, inner, cols, accumulate: true);
        AssertNear(expected, byTransposed);
    }

    [Fact]
    public void Multiply_without_accumulate_overwrites()
    {
        float[] c = [100, 100, 100, 100];
        DenseMath.Multiply<float>([1, 2, 3, 4], [1, 0, 0, 1], c, 2, 2, 2, accumulate: false);
        Assert.Equal([1f, 2, 3, 4], c);
    }

    [Fact]
    public void A_short_operand_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => DenseMath.Multiply<float>(new float[3], new float[4], new float[4], 2, 2, 2, false));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    private static float[] Floats(SeededRandom random, int n)
    {
        float[] v = new float[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (float)random.NextGaussian();
        }

        return v;
    }

    private static void AssertNear(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"element {i}: {actual[i]} vs {expected[i]}");
        }
    }
}
