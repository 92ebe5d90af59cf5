using Releat.Learning.Checkpoints;
using Releat.Learning.Environments;
using Releat.Learning.Models;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class CheckpointResumeTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void Training_n_then_resuming_m_equals_training_n_plus_m_bit_for_bit(bool normReward, int workers)
    {
        var config = new PpoConfig { TotalTimesteps = 512 * 10, Seed = 9, NormReward = normReward, GradientWorkers = workers };
        using var straight = new CartPoleTraining(config);
        var straightReports = new List<PpoUpdateReport>();
        straight.Trainer.Train(straightReports.Add);

        using var directory = new TemporaryDirectory();
        using (var first = new CartPoleTraining(config))
        {
            for (int i = 0; i < 4; i++)
            {
                first.Trainer.RunIteration();
            }

            PpoCheckpoint.Save(first.Trainer, directory.Path);
        }

        PpoConfig loaded = PpoCheckpoint.LoadConfig(directory.Path);
        Assert.Equal(config, loaded);
        using var resumed = new CartPoleTraining(loaded);
        PpoCheckpoint.Restore(resumed.Trainer, directory.Path);
        Assert.Equal(4, resumed.Trainer.Iteration);
        var resumedReports = new List<PpoUpdateReport>();
        resumed.Trainer.Train(resumedReports.Add);

        Assert.Equal(straight.Agent.Parameters.Values.ToArray(), resumed.Agent.Parameters.Values.ToArray());
        Assert.Equal(straight.Trainer.Optimizer.SecondMoment.ToArray(), resumed.Trainer.Optimizer.SecondMoment.ToArray());
        Assert.Equal(straight.Trainer.GlobalStep, resumed.Trainer.GlobalStep);
        Assert.Equal(straightReports[^1].ValueLoss, resumedReports[^1].ValueLoss);
        Assert.Equal(straight.Trainer.RecentReturns.ToArray(), resumed.Trainer.RecentReturns.ToArray());
    }

    [Fact]
    public void A_trading_network_with_dropout_resumes_bit_for_bit()
    {
        var config = new PpoConfig { TotalTimesteps = 512 * 6, Seed = 4, GradientWorkers = 2 };
        var spec = new TradingAgentSpec([2, 2], ActionCount: 2, EncoderWidth: 8, HeadHidden: 16, Dropout: 0.2);
        PpoTrainer Build(VectorEnv envs, out TradingAgentNetwork<float> network)
        {
            network = new TradingAgentNetwork<float>(spec, config.MinibatchSize, seed: 8);
            return new PpoTrainer(config, envs, network);
        }

        using var straightEnvs = CartPoles();
        using PpoTrainer straight = Build(straightEnvs, out TradingAgentNetwork<float> straightNetwork);
        straight.Train();

        using var directory = new TemporaryDirectory();
        using (var firstEnvs = CartPoles())
        using (PpoTrainer first = Build(firstEnvs, out _))
        {
            first.RunIteration();
            first.RunIteration();
            PpoCheckpoint.Save(first, directory.Path);
        }

        using var resumedEnvs = CartPoles();
        using PpoTrainer resumed = Build(resumedEnvs, out TradingAgentNetwork<float> resumedNetwork);
        PpoCheckpoint.Restore(resumed, directory.Path);
        resumed.Train();
        Assert.Equal(straightNetwork.Parameters.Values.ToArray(), resumedNetwork.Parameters.Values.ToArray());
    }

    [Fact]
    public void A_checkpoint_with_a_broken_optimizer_file_is_refused_and_leaves_the_trainer_untouched()
    {
        using var directory = new TemporaryDirectory();
        using (var saved = new CartPoleTraining(new PpoConfig { TotalTimesteps = 512, Seed = 3 }))
        {
            saved.Trainer.RunIteration();
            PpoCheckpoint.Save(saved.Trainer, directory.Path);
        }

        // The weights are fine, the optimiser file is cut short: restoring must not load the weights alone.
        byte[] optimizer = File.ReadAllBytes(directory.File(PpoCheckpoint.OptimizerFile));
        File.WriteAllBytes(directory.File(PpoCheckpoint.OptimizerFile), optimizer[..(optimizer.Length / 2)]);
        using var target = new CartPoleTraining(new PpoConfig { TotalTimesteps = 512, Seed = 4 });
        float[] before = target.Trainer.Agent.Parameters.Values.ToArray();
        Assert.ThrowsAny<Exception>(() => PpoCheckpoint.Restore(target.Trainer, directory.Path));
        Assert.Equal(before, target.Trainer.Agent.Parameters.Values.ToArray());
        Assert.Equal(0, target.Trainer.Optimizer.Step);
    }

    [Fact]
    public void Config_is_written_with_cleanrl_names()
    {
        using var directory = new TemporaryDirectory();
        using var run = new CartPoleTraining(new PpoConfig { TotalTimesteps = 512 });
        PpoCheckpoint.Save(run.Trainer, directory.Path);
        string json = File.ReadAllText(directory.File(PpoCheckpoint.ConfigFile));
        foreach (string name in new[] { "\"gamma\"", "\"gae_lambda\"", "\"clip_coef\"", "\"ent_coef\"", "\"vf_coef\"", "\"max_grad_norm\"", "\"num_envs\"", "\"clip_vloss\"", "\"target_kl\"" })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }
    }

    private static VectorEnv CartPoles() => new([new CartPole(), new CartPole(), new CartPole(), new CartPole()]);
}
