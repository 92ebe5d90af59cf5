using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class GeneralizedAdvantageEstimationTests
{
    [Fact]
    public void Advantages_follow_the_recursion_and_stop_at_episode_boundaries()
    {
        // One env, 3 steps; obs[2] starts a new episode (dones[2] = true), so step 1's successor is terminal.
        float[] rewards = [1, 2, 3];
        float[] values = [0.5f, 0.25f, 1.0f];
        bool[] dones = [false, false, true];
        float[] advantages = new float[3], returns = new float[3];
        const double gamma = 0.9, lambda = 0.8;
        GeneralizedAdvantageEstimation.Compute(rewards, values, dones, [2.0f], [false], 3, gamma, lambda, advantages, returns);

        double a2 = 3 + (gamma * 2.0) - 1.0;
        double a1 = 2 - 0.25;
        double d0 = 1 + (gamma * 0.25) - 0.5;
        double a0 = d0 + (gamma * lambda * a1);
        Assert.Equal(a2, advantages[2], 5);
        Assert.Equal(a1, advantages[1], 5);
        Assert.Equal(a0, advantages[0], 5);
        Assert.Equal(a0 + 0.5, returns[0], 5);
    }

    [Fact]
    public void Next_done_cuts_the_bootstrap_from_the_last_step()
    {
        float[] advantages = new float[1], returns = new float[1];
        GeneralizedAdvantageEstimation.Compute([1.0f], [0.5f], [false], [100f], [true], 1, 0.99, 0.95, advantages, returns);
        Assert.Equal(0.5f, advantages[0]);
    }
}
