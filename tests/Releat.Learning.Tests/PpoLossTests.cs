using Releat.Learning.Distributions;
using Releat.Learning.Numerics;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class PpoLossTests
{
    private const int Rows = 12;
    private const int ActionCount = 4;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Loss_gradient_wrt_logits_and_values_matches_finite_differences(bool clipValueLoss, bool masked)
    {
        var batch = Minibatch.Create(masked, 21);
        var coefficients = new PpoLossCoefficients(0.2, clipValueLoss, 0.01, 0.5);
        double[] logitGradient = new double[Rows * ActionCount];
        double[] valueGradient = new double[Rows];
        PpoLossStatistics statistics = batch.Loss(coefficients, logitGradient, valueGradient);
        Assert.InRange(statistics.ClipFraction, 0.05, 0.95); // some rows clipped, some not: both branches checked

        for (int i = 0; i < batch.Logits.Length; i++)
        {
            double saved = batch.Logits[i];
            batch.Logits[i] = saved + 1e-6;
            double up = batch.Loss(coefficients, new double[Rows * ActionCount], new double[Rows]).Loss;
            batch.Logits[i] = saved - 1e-6;
            double down = batch.Loss(coefficients, new double[Rows * ActionCount], new double[Rows]).Loss;
            batch.Logits[i] = saved;
            GradientCheck.AssertClose(logitGradient[i], (up - down) / 2e-6, $"dloss/dlogit[{i}]");
        }

        for (int i = 0; i < Rows; i++)
        {
            double saved = batch.Values[i];
            batch.Values[i] = saved + 1e-6;
            double up = batch.Loss(coefficients, new double[Rows * ActionCount], new double[Rows]).Loss;
            batch.Values[i] = saved - 1e-6;
            double down = batch.Loss(coefficients, new double[Rows * ActionCount], new double[Rows]).Loss;
            batch.Values[i] = saved;
            GradientCheck.AssertClose(valueGradient[i], (up - down) / 2e-6, $"dloss/dvalue[{i}]");
        }
    }

    [Fact]
    public void Halves_averaged_over_the_whole_minibatch_add_up_to_the_whole()
    {
        var batch = Minibatch.Create(masked: true, 22);
        var coefficients = new PpoLossCoefficients(0.2, true, 0.01, 0.5);
        double[] wholeLogits = new double[Rows * ActionCount], wholeValues = new double[Rows];
        PpoLossStatistics whole = batch.Loss(coefficients, wholeLogits, wholeValues);
        PpoLossStatistics first = batch.Half(0, coefficients);
        PpoLossStatistics second = batch.Half(1, coefficients);
        Assert.Equal(whole.Loss, first.Loss + second.Loss, 12);
        Assert.Equal(whole.ApproxKl, first.ApproxKl + second.ApproxKl, 12);
        Assert.Equal(whole.ClipFraction, first.ClipFraction + second.ClipFraction, 12);
    }

    [Fact]
    public void Identical_policies_give_zero_kl_and_no_clipping()
    {
        var batch = Minibatch.Create(masked: false, 23);
        double[] logP = new double[ActionCount];
        for (int i = 0; i < Rows; i++)
        {
            MaskedCategorical.LogProbabilities<double>(batch.Logits.AsSpan(i * ActionCount, ActionCount), default, logP);
            batch.OldLogProbabilities[i] = logP[batch.Actions[i]];
        }

        PpoLossStatistics s = batch.Loss(new PpoLossCoefficients(0.2, false, 0.0, 0.5), new double[Rows * ActionCount], new double[Rows]);
        Assert.Equal(0.0, s.ApproxKl, 12);
        Assert.Equal(0.0, s.ClipFraction);
    }

    private sealed class Minibatch
    {
        public double[] Logits { get; } = new double[Rows * ActionCount];

        public double[] Values { get; } = new double[Rows];

        public int[] Actions { get; } = new int[Rows];

        public double[] OldLogProbabilities { get; } = new double[Rows];

        public double[] Advantages { get; } = new double[Rows];

        public double[] Returns { get; } = new double[Rows];

        public double[] OldValues { get; } = new double[Rows];

        public bool[] Masks { get; private set; } = [];

        public static Minibatch Create(bool masked, ulong seed)
        {
            var random = new SeededRandom(seed);
            var b = new Minibatch();
            if (masked)
            {
                b.Masks = new bool[Rows * ActionCount];
                for (int i = 0; i < b.Masks.Length; i++)
                {
                    b.Masks[i] = (i % ActionCount) != (i / ActionCount % ActionCount) || i % 3 == 0;
                }
            }

            double[] logP = new double[ActionCount];
            for (int i = 0; i < Rows; i++)
            {
                for (int k = 0; k < ActionCount; k++)
                {
                    b.Logits[(i * ActionCount) + k] = random.NextGaussian();
                }

                ReadOnlySpan<bool> mask = masked ? b.Masks.AsSpan(i * ActionCount, ActionCount) : default;
                MaskedCategorical.LogProbabilities<double>(b.Logits.AsSpan(i * ActionCount, ActionCount), mask, logP);
                b.Actions[i] = MaskedCategorical.Sample<double>(logP, random);

                // Old log-probabilities up to ±0.45 away, so ratios fall both inside and outside 1 ± 0.2.
                b.OldLogProbabilities[i] = logP[b.Actions[i]] + random.NextUniform(-0.45, 0.45);
                b.Advantages[i] = random.NextGaussian();
                b.Values[i] = random.NextGaussian();
                b.OldValues[i] = b.Values[i] + random.NextUniform(-0.5, 0.5);
                b.Returns[i] = random.NextGaussian();
            }

            return b;
        }

        public PpoLossStatistics Loss(PpoLossCoefficients coefficients, double[] logitGradient, double[] valueGradient) =>
            PpoLoss.Compute<double>(
                Logits, Masks, Values, Actions, OldLogProbabilities, Advantages, Returns, OldValues, coefficients,
                new double[Rows * ActionCount], logitGradient, valueGradient);

        public PpoLossStatistics Half(int half, PpoLossCoefficients coefficients)
        {
            int n = Rows / 2, from = half * n;
            return PpoLoss.Compute<double>(
                Logits.AsSpan(from * ActionCount, n * ActionCount),
                Masks.Length == 0 ? default : Masks.AsSpan(from * ActionCount, n * ActionCount),
                Values.AsSpan(from, n), Actions.AsSpan(from, n), OldLogProbabilities.AsSpan(from, n), Advantages.AsSpan(from, n),
                Returns.AsSpan(from, n), OldValues.AsSpan(from, n), coefficients,
                new double[n * ActionCount], new double[n * ActionCount], new double[n], meanOver: Rows);
        }
    }
}
