using Releat.Learning.Environments;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class PpoCartPoleTests
{
    [Fact]
    public void Fifty_thousand_steps_lift_cartpole_well_above_random_play()
    {
        // A uniformly random policy lasts about 22 steps.
        using var run = new CartPoleTraining(new PpoConfig { TotalTimesteps = 50_000, Seed = 1 });
        var reports = new List<PpoUpdateReport>();
        run.Trainer.Train(reports.Add);
        Assert.Equal(run.Config.NumIterations, reports.Count);
        Assert.True(run.Trainer.RecentReturns.MeanOfLast(20) > 100, $"last-20 mean return {run.Trainer.RecentReturns.MeanOfLast(20)}");
        Assert.All(reports, r => Assert.True(double.IsFinite(r.ValueLoss) && double.IsFinite(r.ApproxKl)));
        Assert.Equal(run.Config.LearningRate / run.Config.NumIterations, reports[^1].LearningRate, 12); // CleanRL: lr·(1 − (N−1)/N)
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Cleanrl_settings_reach_400_mean_return_over_three_seeds_at_500k_steps()
    {
        double[] last20 = new double[3];
        Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            using var run = new CartPoleTraining(new PpoConfig { TotalTimesteps = 500_000, Seed = (ulong)(i + 1) });
            run.Trainer.Train();
            last20[i] = run.Trainer.RecentReturns.MeanOfLast(20);
        });

        Assert.True(last20.Average() >= 400, $"last-20 mean returns by seed 1-3: {string.Join(", ", last20)}");
    }

    [Fact]
    public void Same_seed_trains_to_the_same_weights_with_one_or_two_gradient_workers()
    {
        foreach (int workers in new[] { 1, 2 })
        {
            var config = new PpoConfig { TotalTimesteps = 4096, Seed = 7, GradientWorkers = workers };
            using var first = new CartPoleTraining(config);
            using var second = new CartPoleTraining(config);
            first.Trainer.Train();
            second.Trainer.Train();
            Assert.Equal(first.Agent.Parameters.Values.ToArray(), second.Agent.Parameters.Values.ToArray());
        }
    }

    [Fact]
    public void Two_gradient_workers_compute_the_same_update_as_one_up_to_rounding()
    {
        using var one = new CartPoleTraining(new PpoConfig { TotalTimesteps = 512, Seed = 3 });
        using var two = new CartPoleTraining(new PpoConfig { TotalTimesteps = 512, Seed = 3, GradientWorkers = 2 });
        one.Trainer.Train();
        two.Trainer.Train();
        float[] a = one.Agent.Parameters.Values.ToArray(), b = two.Agent.Parameters.Values.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - b[i]) < 1e-4, $"parameter {i}: {a[i]} vs {b[i]}");
        }
    }

    [Fact]
    public void Masked_actions_are_never_taken_while_training()
    {
        using var run = new CartPoleTraining(new PpoConfig { TotalTimesteps = 2048, Seed = 2 }, environment: () => new LeftForbiddenCartPole());
        run.Trainer.Train();
        Assert.Equal(0, LeftForbiddenCartPole.LeftPushes);
    }

    [Fact]
    public void Reward_normalisation_and_target_kl_run()
    {
        using var run = new CartPoleTraining(new PpoConfig { TotalTimesteps = 4096, Seed = 4, NormReward = true, TargetKl = 1e-6, ClipVloss = true });
        var reports = new List<PpoUpdateReport>();
        run.Trainer.Train(reports.Add);
        Assert.Contains(reports, r => r.EpochsRun < run.Config.UpdateEpochs);
        Assert.NotEqual(0.0, run.Trainer.RewardNormalizer!.ReturnStatistics.Mean);
    }

    /// <summary>CartPole that forbids pushing left on odd steps; counts any forbidden push it receives.</summary>
    private sealed class LeftForbiddenCartPole : IEnvironment
    {
        private readonly CartPole _inner = new();
        private int _t;

        public static int LeftPushes { get; private set; }

        public BoxSpace ObservationSpace => _inner.ObservationSpace;

        public DiscreteSpace ActionSpace => _inner.ActionSpace;

        public bool HasActionMask => true;

        public void Reset(ulong seed, Span<float> observation) => _inner.Reset(seed, observation);

        public void Reset(Span<float> observation) => _inner.Reset(observation);

        public StepOutcome Step(int action, Span<float> observation)
        {
            if (action == 0 && _t % 2 == 1)
            {
                LeftPushes++;
            }

            _t++;
            return _inner.Step(action, observation);
        }

        public void WriteActionMask(Span<bool> mask)
        {
            mask[0] = _t % 2 == 0;
            mask[1] = true;
        }
    }
}
