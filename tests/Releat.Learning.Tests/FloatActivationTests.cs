using Releat.Learning.Layers;

namespace Releat.Learning.Tests;

/// <summary>The vectorised float paths of the activations agree with the double-precision reference ones.</summary>
public sealed class FloatActivationTests
{
    [Fact]
    public void Float_elu_matches_double_elu()
    {
        const int n = 4001;
        float[] xf = new float[n];
        double[] xd = new double[n];
        for (int i = 0; i < n; i++)
        {
            xf[i] = (i - 2000) * 0.01f;
            xd[i] = xf[i];
        }

        xf[0] = -100f;
        xd[0] = -100.0;
        ReadOnlySpan<float> yf = new Elu<float>(n, 1, alpha: 1.5).Forward(xf, 1, training: false);
        ReadOnlySpan<double> yd = new Elu<double>(n, 1, alpha: 1.5).Forward(xd, 1, training: false);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(yf[i] - yd[i]) <= (3e-7 * Math.Abs(yd[i])) + 1e-30, $"elu({xf[i]}) = {yf[i]} vs {yd[i]}");
        }
    }

    [Fact]
    public void Float_tanh_layer_matches_double_tanh_layer()
    {
        float[] xf = [.. Enumerable.Range(-50, 101).Select(i => i * 0.1f)];
        double[] xd = [.. xf.Select(v => (double)v)];
        ReadOnlySpan<float> yf = new Tanh<float>(101, 1).Forward(xf, 1, false);
        ReadOnlySpan<double> yd = new Tanh<double>(101, 1).Forward(xd, 1, false);
        for (int i = 0; i < 101; i++)
        {
            // TensorPrimitives computes float tanh to about 1e-7 absolute near zero (tanh(0) comes out as −6e-8).
            Assert.True(Math.Abs(yf[i] - yd[i]) <= (2.5e-7 * Math.Abs(yd[i])) + 1.2e-7, $"tanh({xf[i]}) = {yf[i]} vs {yd[i]}");
        }
    }
}
