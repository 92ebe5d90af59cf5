using Releat.Learning.Environments;

namespace Releat.Learning.Tests;

public sealed class VectorEnvTests
{
    [Fact]
    public void A_finished_episode_is_reset_in_the_same_step_and_its_last_observation_kept()
    {
        using var envs = new VectorEnv([new CartPole(), new CartPole()]);
        envs.Reset(5);
        int[] alwaysRight = [1, 1];
        int steps = 0;
        while (!envs.Terminations[0] && steps < 100)
        {
            envs.Step(alwaysRight);
            steps++;
        }

        Assert.True(envs.Terminations[0]);
        Assert.True(Math.Abs(envs.FinalObservations[2]) > 0.2 || Math.Abs(envs.FinalObservations[0]) > 2.4, "final observation is the failed state");
        Assert.All(envs.Observations[..4].ToArray(), v => Assert.InRange(v, -0.05f, 0.05f)); // already the new episode
        EpisodeSummary episode = envs.FinishedEpisodes[0];
        Assert.Equal(0, episode.EnvIndex);
        Assert.Equal(steps, episode.Length);
        Assert.Equal(steps, episode.Return);
    }

    [Fact]
    public void Reset_seeds_sub_environment_i_with_seed_plus_i()
    {
        using var envs = new VectorEnv([new CartPole(), new CartPole()]);
        envs.Reset(10);
        float[] expected = new float[4];
        new CartPole().Reset(11, expected);
        Assert.Equal(expected, envs.Observations[4..].ToArray());
    }

    [Fact]
    public void Parallel_stepping_gives_the_same_trajectories_as_sequential()
    {
        using var sequential = new VectorEnv([.. Enumerable.Range(0, 4).Select(_ => (IEnvironment)new CartPole())]);
        using var parallel = new VectorEnv([.. Enumerable.Range(0, 4).Select(_ => (IEnvironment)new CartPole())], stepInParallel: true);
        sequential.Reset(1);
        parallel.Reset(1);
        int[] actions = new int[4];
        for (int t = 0; t < 1000; t++)
        {
            for (int i = 0; i < 4; i++)
            {
                actions[i] = ((t * 7) + (i * 3)) % 5 < 2 ? 0 : 1;
            }

            sequential.Step(actions);
            parallel.Step(actions);
            Assert.Equal(sequential.Observations.ToArray(), parallel.Observations.ToArray());
            Assert.Equal(sequential.Terminations.ToArray(), parallel.Terminations.ToArray());
            Assert.Equal(sequential.FinishedEpisodes.ToArray(), parallel.FinishedEpisodes.ToArray());
        }
    }
}
