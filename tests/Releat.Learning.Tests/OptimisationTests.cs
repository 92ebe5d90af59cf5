using Releat.Learning.Optimisation;

namespace Releat.Learning.Tests;

public sealed class OptimisationTests
{
    [Fact]
    public void Adam_matches_the_published_algorithm_evaluated_in_float64_by_numpy()
    {
        // Kingma & Ba's Algorithm 1 with bias correction, as torch.optim.Adam documents it (lr 0.01, eps 1e-5),
        // computed independently by numpy in float64; ours runs in float32.
        float[] parameters = [0.5f, -1.25f, 2.0f, 0.0f, 3.5f, -0.75f, 1.0f, 0.125f, -2.0f];
        int n = parameters.Length;
        string reference = Python.Run("""
            import numpy as np
            p = np.array([0.5, -1.25, 2.0, 0.0, 3.5, -0.75, 1.0, 0.125, -2.0]); m = np.zeros(9); v = np.zeros(9)
            lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-5
            for t in range(1, 6):
                g = np.array([np.float32(np.sin(0.7 * t * (i + 1))) for i in range(9)], dtype=np.float64)
                m = b1 * m + (1 - b1) * g; v = b2 * v + (1 - b2) * g * g
                p = p - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
            print(' '.join(repr(float(x)) for x in p))
            """);
        var adam = new Adam(n, new AdamConfig(0.01, Eps: 1e-5));
        float[] gradient = new float[n];
        for (int t = 0; t < 5; t++)
        {
            for (int i = 0; i < n; i++)
            {
                gradient[i] = (float)Math.Sin(0.7 * (t + 1) * (i + 1));
            }

            adam.Update(parameters, gradient);
        }

        float[] expected = [.. reference.Trim().Split(' ').Select(s => float.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expected[i] - parameters[i]) < 1e-6, $"parameter {i}: {parameters[i]} vs numpy {expected[i]}");
        }
    }

    [Fact]
    public void AdamW_decays_weights_apart_from_the_gradient()
    {
        // 19 parameters: two 8-wide vector blocks and a scalar tail, so both code paths decay. With a gradient that is
        // not zero, decoupled decay (AdamW, Loshchilov & Hutter) and an L2 term added to the gradient (Adam + L2) part
        // ways after the first step; the references below are both computed in float64.
        const int N = 19;
        const double Lr = 0.05, Wd = 0.5;
        float[] parameters = [.. Enumerable.Range(0, N).Select(i => (float)((i % 2 == 0 ? 1 : -1) * (1.5 + (0.1 * i))))];
        double[] start = [.. parameters.Select(p => (double)p)];
        float[][] gradients = [.. Enumerable.Range(1, 6).Select(t => Enumerable.Range(0, N).Select(i => (float)Math.Cos((0.9 * t) + i)).ToArray())];
        var adamw = new Adam(N, new AdamConfig(Lr, WeightDecay: Wd));
        foreach (float[] g in gradients)
        {
            adamw.Update(parameters, g);
        }

        double[] decoupled = ReferenceAdam(start, gradients, Lr, Wd, decoupled: true);
        double[] l2 = ReferenceAdam(start, gradients, Lr, Wd, decoupled: false);
        for (int i = 0; i < N; i++)
        {
            Assert.True(Math.Abs(decoupled[i] - l2[i]) > 1e-3, $"parameter {i}: the two references do not differ, the case cannot tell them apart");
            Assert.True(Math.Abs(parameters[i] - decoupled[i]) < 1e-5, $"parameter {i}: {parameters[i]} vs AdamW {decoupled[i]} (Adam + L2 gives {l2[i]})");
        }

        // Without a gradient only the decay moves the weights, by (1 - lr * wd) a step in every lane.
        float[] still = [.. start.Select(p => (float)p)];
        var decayOnly = new Adam(N, new AdamConfig(Lr, WeightDecay: Wd));
        for (int t = 0; t < 3; t++)
        {
            decayOnly.Update(still, new float[N]);
        }

        for (int i = 0; i < N; i++)
        {
            Assert.Equal(start[i] * Math.Pow(1 - (Lr * Wd), 3), still[i], 5);
        }
    }

    /// <summary>torch.optim.Adam's documented step in float64, with weight decay either decoupled (AdamW) or added to the gradient (L2).</summary>
    private static double[] ReferenceAdam(double[] start, float[][] gradients, double lr, double wd, bool decoupled)
    {
        const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
        double[] p = [.. start], m = new double[p.Length], v = new double[p.Length];
        for (int t = 1; t <= gradients.Length; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = gradients[t - 1][i] + (decoupled ? 0 : wd * p[i]);
                if (decoupled)
                {
                    p[i] *= 1 - (lr * wd);
                }

                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
                p[i] -= lr * (m[i] / (1 - Math.Pow(Beta1, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(Beta2, t))) + Eps);
            }
        }

        return p;
    }

    [Fact]
    public void Global_norm_clipping_scales_all_gradients_together()
    {
        float[] g = [3, 0, 4, 0];
        double norm = GradientClipping.ClipGlobalNorm(g, 0.5);
        Assert.Equal(5.0, norm, 6);
        Assert.Equal(0.3f, g[0], 5);
        Assert.Equal(0.4f, g[2], 5);

        float[] small = [0.1f, 0.1f];
        GradientClipping.ClipGlobalNorm(small, 0.5);
        Assert.Equal([0.1f, 0.1f], small);
    }

    [Theory]
    [InlineData(LearningRateSchedule.Constant, 0, 1.0)]
    [InlineData(LearningRateSchedule.Constant, 9, 1.0)]
    [InlineData(LearningRateSchedule.Linear, 0, 1.0)]
    [InlineData(LearningRateSchedule.Linear, 5, 0.5)]
    [InlineData(LearningRateSchedule.Linear, 9, 0.1)]
    [InlineData(LearningRateSchedule.Cosine, 0, 1.0)]
    [InlineData(LearningRateSchedule.Cosine, 5, 0.5)]
    public void Schedules_follow_their_formula(LearningRateSchedule schedule, int update, double expected) =>
        Assert.Equal(expected, schedule.RateAt(1.0, update, 10), 12);
}
