using System.Globalization;
using Releat.Learning.Layers;
using Releat.Testing;

namespace Releat.Learning.Tests;

/// <summary>The vectorised float paths of the activations agree with the double-precision reference ones, and those with PyTorch.</summary>
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

    /// <summary>
    /// Float GELU takes Φ from Hastings' erfc (within 7.5e-8) and rounds in float on top: seen at most 1.0e-7·(1 + |x|)
    /// off in y and 2.2e-7·(1 + |x|) in the slope (near x = 0, where Φ ≈ ½); float SiLU 1.3e-7 and 1.6e-7.
    /// </summary>
    [Theory]
    [InlineData(ActivationFunction.Gelu)]
    [InlineData(ActivationFunction.Silu)]
    public void Float_activation_and_its_derivative_match_double(ActivationFunction function)
    {
        const int n = 4003; // not a multiple of 8: the padded tail is covered too
        float[] xf = new float[n];
        float[] dyf = new float[n];
        for (int i = 0; i < n; i++)
        {
            xf[i] = (i - 2001) * 0.005f;
            dyf[i] = 1f - ((i % 7) * 0.25f);
        }

        xf[0] = -100f;
        xf[1] = 100f;
        double[] xd = [.. xf.Select(v => (double)v)];
        double[] dyd = [.. dyf.Select(v => (double)v)];
        ElementwiseActivation<float> floats = ActivationLayer.Create<float>(function, n, 1);
        ElementwiseActivation<double> doubles = ActivationLayer.Create<double>(function, n, 1);
        float[] yf = floats.Forward(xf, 1, training: true).ToArray();
        double[] yd = doubles.Forward(xd, 1, training: true).ToArray();
        ReadOnlySpan<float> dxf = floats.Backward(dyf, 1);
        ReadOnlySpan<double> dxd = doubles.Backward(dyd, 1);
        for (int i = 0; i < n; i++)
        {
            double scale = 1 + Math.Abs(xd[i]);
            Assert.True(Math.Abs(yf[i] - yd[i]) <= 2e-7 * scale, $"{function}({xf[i]}) = {yf[i]} vs {yd[i]}");
            Assert.True(Math.Abs(dxf[i] - dxd[i]) <= 3e-7 * scale * Math.Abs(dyd[i]), $"{function}'({xf[i]})·{dyf[i]} = {dxf[i]} vs {dxd[i]}");
        }
    }

    [PythonModuleFact("torch", "scripts/install-prerequisites.sh --bench")]
    public void Gelu_and_silu_are_pytorchs_default_gelu_and_silu()
    {
        double[] x = [.. Enumerable.Range(-80, 161).Select(i => i * 0.1), -12, -7.5, 1e-8, 9.25];
        string script = """
            import sys, torch
            x = torch.tensor([float(v) for v in sys.argv[1].split(',')], dtype=torch.float64)
            for row in (torch.nn.GELU()(x), torch.nn.SiLU()(x)):
                print(' '.join(repr(float(v)) for v in row))
            """;
        string[] lines = Python.Run(script, string.Join(',', x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Trim().Split('\n');
        ReadOnlySpan<double> gelu = new Gelu<double>(x.Length, 1).Forward(x, 1, training: false);
        ReadOnlySpan<double> silu = new Silu<double>(x.Length, 1).Forward(x, 1, training: false);
        double[] torchGelu = [.. lines[0].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        double[] torchSilu = [.. lines[1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(gelu[i] - torchGelu[i]) <= 1e-14 * (1 + Math.Abs(x[i])), $"gelu({x[i]}) = {gelu[i]:R}, PyTorch {torchGelu[i]:R}");
            Assert.True(Math.Abs(silu[i] - torchSilu[i]) <= 1e-14 * (1 + Math.Abs(x[i])), $"silu({x[i]}) = {silu[i]:R}, PyTorch {torchSilu[i]:R}");
        }
    }
}
