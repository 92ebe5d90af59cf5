using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class BatchStatisticsTests
{
    [Fact]
    public void Normalised_advantages_have_zero_mean_and_unit_unbiased_std()
    {
        float[] a = [1, 2, 3, 4, 10];
        BatchStatistics.Normalize(a);
        double mean = a.Average(v => (double)v);
        double unbiasedVariance = a.Sum(v => (v - mean) * (v - mean)) / (a.Length - 1);
        Assert.Equal(0.0, mean, 6);
        Assert.Equal(1.0, unbiasedVariance, 5);
    }

    [Fact]
    public void Explained_variance_is_one_for_perfect_values_and_zero_for_a_constant_guess()
    {
        float[] returns = [1, 2, 3, 4];
        Assert.Equal(1.0, BatchStatistics.ExplainedVariance(returns, returns), 12);
        Assert.Equal(0.0, BatchStatistics.ExplainedVariance([2.5f, 2.5f, 2.5f, 2.5f], returns), 12);
        Assert.True(double.IsNaN(BatchStatistics.ExplainedVariance([1f, 2f], [3f, 3f])));
    }
}
