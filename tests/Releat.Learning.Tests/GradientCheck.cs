using Releat.Learning.Layers;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;

namespace Releat.Learning.Tests;

/// <summary>
/// Central finite differences in double against a layer's backward pass, for L = Σ output ⊙ R with a random
/// projection R: checks dL/dinput and dL/dparameters. A hook runs before every forward (to replay a dropout mask).
/// </summary>
internal static class GradientCheck
{
    private const double Step = 1e-5;
    private const double Tolerance = 1e-6;

    public static void Layer(ILayer<double> layer, ParameterStore<double>? store, int batch, ulong seed, bool training = false, Action? beforeForward = null)
    {
        var random = new SeededRandom(seed);
        double[] input = Gaussian(random, batch * layer.InputSize);
        double[] projection = Gaussian(random, batch * layer.OutputSize);

        double Loss()
        {
            beforeForward?.Invoke();
            ReadOnlySpan<double> output = layer.Forward(input, batch, training);
            double sum = 0;
            for (int i = 0; i < projection.Length; i++)
            {
                sum += output[i] * projection[i];
            }

            return sum;
        }

        store?.ZeroGradients();
        Loss();
        double[] inputGradient = layer.Backward(projection, batch).ToArray();
        double[] parameterGradient = store is null ? [] : store.Gradients.ToArray();

        for (int i = 0; i < input.Length; i++)
        {
            double saved = input[i];
            input[i] = saved + Step;
            double up = Loss();
            input[i] = saved - Step;
            double down = Loss();
            input[i] = saved;
            AssertClose(inputGradient[i], (up - down) / (2 * Step), $"d/dinput[{i}]");
        }

        if (store is null)
        {
            return;
        }

        for (int p = 0; p < store.Count; p++)
        {
            double saved = store.Values[p];
            store.GetValuesForWriting()[p] = saved + Step;
            double up = Loss();
            store.GetValuesForWriting()[p] = saved - Step;
            double down = Loss();
            store.GetValuesForWriting()[p] = saved;
            AssertClose(parameterGradient[p], (up - down) / (2 * Step), $"d/d{NameOf(store, p)}");
        }
    }

    public static void AssertClose(double analytic, double numeric, string what)
    {
        double scale = Math.Max(Math.Abs(analytic) + Math.Abs(numeric), 1e-3);
        double relative = Math.Abs(analytic - numeric) / scale;
        Assert.True(relative < Tolerance, $"{what}: backward {analytic:R} vs finite difference {numeric:R} (relative error {relative:E2}).");
    }

    public static double[] Gaussian(SeededRandom random, int n)
    {
        double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = random.NextGaussian();
        }

        return values;
    }

    public static void RandomiseParameters(ParameterStore<double> store, ulong seed, double scale = 0.5)
    {
        var random = new SeededRandom(seed);
        Span<double> values = store.GetValuesForWriting();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = scale * random.NextGaussian();
        }
    }

    private static string NameOf(ParameterStore<double> store, int index)
    {
        foreach (ParameterTensor t in store.Tensors)
        {
            if (index >= t.Offset && index < t.Offset + t.Length)
            {
                return $"{t.Name}[{index - t.Offset}]";
            }
        }

        return $"parameter[{index}]";
    }
}
