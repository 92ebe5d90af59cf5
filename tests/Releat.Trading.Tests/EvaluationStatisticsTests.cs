using Releat.Learning.Numerics;
using Releat.Training.Evaluation.Statistics;

namespace Releat.Trading.Tests;

public class EvaluationStatisticsTests
{
    [Fact]
    public void Deflated_Sharpe_ratio_reproduces_the_papers_worked_example()
    {
        // Bailey and López de Prado (2014), section 4: 1,250 daily returns with an annualised Sharpe ratio of 2.5,
        // skewness -3 and kurtosis 10, the best of 100 trials whose annualised Sharpe ratios vary by 0.5: the expected
        // maximum by luck is an annualised 1.7894 and the deflated Sharpe ratio 0.9004.
        const double days = 250;
        double sharpe = 2.5 / Math.Sqrt(days);
        double benchmark = DeflatedSharpeRatio.ExpectedMaximumSharpe(100, 0.5 / days);
        Assert.Equal(1.7894, benchmark * Math.Sqrt(days), 3);
        Assert.Equal(0.9004, DeflatedSharpeRatio.Probabilistic(sharpe, benchmark, 1250, -3, 10), 3);
    }

    [Fact]
    public void One_configuration_is_judged_against_zero_and_more_configurations_raise_the_bar()
    {
        double[] returns = Normal(seed: 3, count: 500, mean: 0.2, deviation: 1);
        DeflatedSharpeRatio one = DeflatedSharpeRatio.Of(returns, trials: 1, trialSharpeVariance: 0.01);
        DeflatedSharpeRatio many = DeflatedSharpeRatio.Of(returns, trials: 50, trialSharpeVariance: 0.01);
        Assert.Equal(0, one.Benchmark);
        Assert.True(one.Probability > 0.95, $"PSR {one.Probability}");
        Assert.True(many.Benchmark > 0);
        Assert.True(many.Probability < one.Probability, $"{many.Probability} !< {one.Probability}");
    }

    [Fact]
    public void Moments_of_a_normal_sample_are_near_zero_skew_and_kurtosis_three()
    {
        (double mean, double sd, double skew, double kurtosis) = DeflatedSharpeRatio.Moments(Normal(seed: 9, count: 200_000, mean: 1, deviation: 2));
        Assert.Equal(1, mean, 1);
        Assert.Equal(2, sd, 1);
        Assert.InRange(skew, -0.05, 0.05);
        Assert.InRange(kurtosis, 2.9, 3.1);
    }

    [Fact]
    public void Block_bootstrap_interval_covers_the_true_mean_at_its_level_across_seeds()
    {
        // 200 series of 250 days with a true mean of 0.2: a 90% interval should cover 0.2 about 180 times.
        int covered = 0;
        for (ulong s = 1; s <= 200; s++)
        {
            ConfidenceInterval interval = BlockBootstrap.MeanInterval(Normal(s, 250, 0.2, 1), seed: s, level: 0.90, resamples: 1000);
            covered += interval.Lower <= 0.2 && 0.2 <= interval.Upper ? 1 : 0;
        }

        Assert.InRange(covered, 160, 196);
    }

    [Fact]
    public void Block_bootstrap_is_seeded_and_a_zero_mean_interval_straddles_zero()
    {
        double[] noise = Normal(seed: 5, count: 300, mean: 0, deviation: 1);
        ConfidenceInterval first = BlockBootstrap.MeanInterval(noise, seed: 11);
        Assert.Equal(first, BlockBootstrap.MeanInterval(noise, seed: 11));
        Assert.NotEqual(first, BlockBootstrap.MeanInterval(noise, seed: 12));
        Assert.False(first.IsAboveZero);
        Assert.False(first.IsBelowZero);

        ConfidenceInterval edge = BlockBootstrap.MeanInterval(Normal(seed: 5, count: 300, mean: 0.5, deviation: 1), seed: 11);
        Assert.True(edge.IsAboveZero, $"{edge}");
    }

    [Fact]
    public void Block_bootstrap_widens_the_interval_of_autocorrelated_days()
    {
        // Each value repeated five times: single-day resampling would treat them as independent; blocks do not.
        double[] repeated = [.. Normal(seed: 8, count: 100, mean: 0, deviation: 1).SelectMany(v => Enumerable.Repeat(v, 5))];
        ConfidenceInterval days = BlockBootstrap.MeanInterval(repeated, seed: 1, blockLength: 1);
        ConfidenceInterval blocks = BlockBootstrap.MeanInterval(repeated, seed: 1, blockLength: 10);
        Assert.True(blocks.Upper - blocks.Lower > 1.5 * (days.Upper - days.Lower), $"{blocks} vs {days}");
    }

    [Fact]
    public void Overfitting_is_likely_when_every_trial_is_noise_and_unlikely_when_one_trial_is_truly_better()
    {
        double[][] noise = [.. Enumerable.Range(0, 20).Select(t => Normal((ulong)(100 + t), 320, 0, 1))];
        BacktestOverfitting luck = BacktestOverfitting.Estimate(noise);
        Assert.Equal(16, luck.Splits);
        Assert.Equal(12_870, luck.Combinations);
        Assert.InRange(luck.Probability, 0.3, 0.8);

        double[][] skill = [.. noise.Select((r, t) => t == 7 ? r.Select(v => v + 0.5).ToArray() : r)];
        BacktestOverfitting real = BacktestOverfitting.Estimate(skill);
        Assert.True(real.Probability < 0.05, $"PBO {real.Probability}");
        Assert.True(real.MedianLogit > 1);
    }

    [Fact]
    public void Overfitting_estimate_refuses_misaligned_or_too_few_trials()
    {
        Assert.Throws<ArgumentException>(() => BacktestOverfitting.Estimate([new double[40]]));
        Assert.Throws<ArgumentException>(() => BacktestOverfitting.Estimate([new double[40], new double[39]]));
        Assert.Throws<ArgumentException>(() => BacktestOverfitting.Estimate([new double[3], new double[3]]));
    }

    private static double[] Normal(ulong seed, int count, double mean, double deviation)
    {
        var random = new SeededRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ => mean + (deviation * random.NextGaussian()))];
    }
}
