using Releat.Learning.Numerics;

namespace Releat.Learning.Tests;

public sealed class FastTanhTests
{
    [Fact]
    public void Agrees_with_Math_Tanh_to_a_few_ulp_across_the_range()
    {
        var inputs = new List<float> { 0f, -0f, 1e-30f, -1e-8f, 0.3999f, 0.4f, 0.4001f, 9f, 20f, -20f, float.MaxValue, float.MinValue };
        for (int i = -40_000; i <= 40_000; i++)
        {
            inputs.Add(i * 2.5e-4f);
        }

        float[] x = [.. inputs];
        float[] y = new float[x.Length];
        FastTanh.Apply(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Tanh(x[i]);
            double tolerance = 2.5e-7 * Math.Abs(exact); // about 2 ulp of float
            Assert.True(Math.Abs(y[i] - exact) <= tolerance, $"tanh({x[i]:R}) = {y[i]:R}, exact {exact:R}");
            Assert.Equal(Math.Sign(exact), Math.Sign(y[i]));
        }
    }
}
