using Releat.Learning.Distributions;
using Releat.Learning.Numerics;

namespace Releat.Learning.Tests;

public sealed class MaskedCategoricalTests
{
    private static readonly bool[] Mask = [true, false, true, true, false];

    [Fact]
    public void Masked_actions_get_exactly_zero_probability_and_are_never_sampled()
    {
        double[] logits = [0.3, 50.0, -1.2, 0.8, 9.0];
        double[] logP = new double[5];
        MaskedCategorical.LogProbabilities<double>(logits, Mask, logP);
        Assert.Equal(0.0, Math.Exp(logP[1]));
        Assert.Equal(0.0, Math.Exp(logP[4]));
        Assert.Equal(1.0, Math.Exp(logP[0]) + Math.Exp(logP[2]) + Math.Exp(logP[3]), 12);

        var random = new SeededRandom(5);
        int[] counts = new int[5];
        for (int i = 0; i < 20_000; i++)
        {
            counts[MaskedCategorical.Sample<double>(logP, random)]++;
        }

        Assert.Equal(0, counts[1]);
        Assert.Equal(0, counts[4]);
        for (int k = 0; k < 5; k++)
        {
            if (Mask[k])
            {
                Assert.InRange(counts[k] / 20_000.0, Math.Exp(logP[k]) - 0.015, Math.Exp(logP[k]) + 0.015);
            }
        }
    }

    [Fact]
    public void Entropy_counts_only_allowed_actions()
    {
        double[] logP = new double[5];
        MaskedCategorical.LogProbabilities<double>([1.0, 7.0, 1.0, 1.0, -3.0], Mask, logP);
        Assert.Equal(Math.Log(3), MaskedCategorical.Entropy<double>(logP), 12);
    }

    [Fact]
    public void Masked_actions_receive_no_gradient()
    {
        double[] logP = new double[5];
        MaskedCategorical.LogProbabilities<double>([0.1, 0.2, 0.3, 0.4, 0.5], Mask, logP);
        double[] gradient = new double[5];
        MaskedCategorical.AccumulateLogitGradient<double>(logP, 2, 1.7, -0.3, gradient);
        Assert.Equal(0.0, gradient[1]);
        Assert.Equal(0.0, gradient[4]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Log_probability_and_entropy_gradients_match_finite_differences(bool masked)
    {
        double[] logits = [0.4, -0.9, 1.3, 0.05, -0.2];
        bool[] mask = masked ? Mask : [];
        const int action = 3;
        const double a = 0.7, b = -1.9;

        double Objective(double[] z)
        {
            double[] lp = new double[z.Length];
            MaskedCategorical.LogProbabilities<double>(z, mask, lp);
            return (a * lp[action]) + (b * MaskedCategorical.Entropy<double>(lp));
        }

        double[] logP = new double[5];
        MaskedCategorical.LogProbabilities<double>(logits, mask, logP);
        double[] gradient = new double[5];
        MaskedCategorical.AccumulateLogitGradient<double>(logP, action, a, b, gradient);
        for (int k = 0; k < logits.Length; k++)
        {
            double saved = logits[k];
            logits[k] = saved + 1e-5;
            double up = Objective(logits);
            logits[k] = saved - 1e-5;
            double down = Objective(logits);
            logits[k] = saved;
            GradientCheck.AssertClose(gradient[k], (up - down) / 2e-5, $"dlogit[{k}]");
        }
    }

    [Fact]
    public void Greedy_choice_skips_masked_actions_even_with_the_largest_logit()
    {
        double[] logP = new double[5];
        MaskedCategorical.LogProbabilities<double>([0.1, 9.0, 0.7, 0.3, 8.0], Mask, logP);
        Assert.Equal(2, MaskedCategorical.MostLikely<double>(logP));
    }

    [Fact]
    public void A_mask_that_allows_nothing_is_refused()
    {
        double[] logP = new double[2];
        Assert.Throws<ArgumentException>(() => MaskedCategorical.LogProbabilities<double>([1.0, 2.0], [false, false], logP));
    }
}
