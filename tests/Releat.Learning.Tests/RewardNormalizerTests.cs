using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class RewardNormalizerTests
{
    [Fact]
    public void Running_statistics_merged_in_batches_equal_those_of_all_values_at_once()
    {
        double[] all = [.. Enumerable.Range(0, 50).Select(i => Math.Sin(i) * 3 + (i * 0.1))];
        var running = new RunningMeanStd();
        for (int i = 0; i < all.Length; i += 5)
        {
            running.Update(all.AsSpan(i, 5));
        }

        // Gymnasium starts from mean 0, variance 1, count 1e-4: the prior weighs 1e-4 of a sample.
        double n = all.Length + 1e-4;
        double mean = all.Sum() / n;
        double m2 = 1e-4 + all.Sum(x => (x - mean) * (x - mean)) + (1e-4 * mean * mean);
        Assert.Equal(mean, running.Mean, 9);
        Assert.Equal(m2 / n, running.Variance, 9);
        Assert.Equal(n, running.Count, 9);
    }

    [Fact]
    public void Discounted_return_restarts_after_termination_and_rewards_are_scaled_not_shifted()
    {
        var normalizer = new RewardNormalizer(numEnvs: 2, gamma: 0.5);
        float[] rewards = [1, 2];
        normalizer.Normalize(rewards, [false, true]);
        Assert.Equal([1.0, 2.0], normalizer.DiscountedReturns.ToArray());
        rewards = [1, 2];
        normalizer.Normalize(rewards, [false, true]);
        Assert.Equal([1.5, 2.0], normalizer.DiscountedReturns.ToArray()); // env 1 terminated: its return restarts
        Assert.True(rewards[0] > 0 && rewards[1] > 0);
        Assert.Equal(2.0f, rewards[1] / rewards[0], 5);
    }

    [Fact]
    public void Episode_window_keeps_the_latest_returns()
    {
        var window = new EpisodeReturnWindow(capacity: 3);
        foreach (double r in new[] { 10.0, 20, 30, 40 })
        {
            window.Add(r);
        }

        Assert.Equal(35.0, window.MeanOfLast(2));
        Assert.Equal(30.0, window.MeanOfLast(20)); // only three kept
        Assert.Equal([20.0, 30, 40], window.ToArray());
        Assert.Equal(4, window.TotalEpisodes);
    }
}
