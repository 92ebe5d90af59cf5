using Releat.Learning.Environments;
using Releat.Learning.Models;
using Releat.Learning.Numerics;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

public sealed class TradingAgentNetworkTests
{
    [Fact]
    public void Whole_network_gradient_matches_finite_differences_in_double()
    {
        var spec = new TradingAgentSpec([3, 2, 1], ActionCount: 3, EncoderWidth: 4, HeadHidden: 5, Dropout: 0.2);
        var network = new TradingAgentNetwork<double>(spec, maxBatch: 2, seed: 3);
        RandomState dropoutState = network.DropoutRandom.CaptureState();
        var random = new SeededRandom(4);
        double[] observations = GradientCheck.Gaussian(random, 2 * spec.ObservationSize);
        double[] logitWeights = GradientCheck.Gaussian(random, 2 * spec.ActionCount);
        double[] valueWeights = GradientCheck.Gaussian(random, 2);

        double Loss()
        {
            network.DropoutRandom.RestoreState(dropoutState); // the same dropout mask every time
            ActorCriticOutput<double> output = network.Forward(observations, 2, training: true);
            double sum = 0;
            for (int i = 0; i < logitWeights.Length; i++)
            {
                sum += output.Logits[i] * logitWeights[i];
            }

            return sum + (output.Values[0] * valueWeights[0]) + (output.Values[1] * valueWeights[1]);
        }

        network.Parameters.ZeroGradients();
        Loss();
        network.Backward(logitWeights, valueWeights, 2);
        double[] analytic = network.Parameters.Gradients.ToArray();
        for (int p = 0; p < network.Parameters.Count; p++)
        {
            double saved = network.Parameters.Values[p];
            network.Parameters.GetValuesForWriting()[p] = saved + 1e-5;
            double up = Loss();
            network.Parameters.GetValuesForWriting()[p] = saved - 1e-5;
            double down = Loss();
            network.Parameters.GetValuesForWriting()[p] = saved;
            GradientCheck.AssertClose(analytic[p], (up - down) / 2e-5, $"parameter {p}");
        }
    }

    [Fact]
    public void Ppo_trains_the_trading_network_with_dropout_and_stays_finite()
    {
        var config = new PpoConfig { TotalTimesteps = 4 * 512, Seed = 5, GradientWorkers = 2 };
        using var envs = new VectorEnv([new CartPole(), new CartPole(), new CartPole(), new CartPole()]);
        var network = new TradingAgentNetwork<float>(new TradingAgentSpec([2, 2], ActionCount: 2, EncoderWidth: 16, HeadHidden: 32), config.MinibatchSize, seed: 6);
        using var trainer = new PpoTrainer(config, envs, network);
        var reports = new List<PpoUpdateReport>();
        trainer.Train(reports.Add);
        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.True(double.IsFinite(r.ValueLoss) && double.IsFinite(r.PolicyLoss) && double.IsFinite(r.Entropy)));
        foreach (float v in network.Parameters.Values)
        {
            Assert.True(float.IsFinite(v));
        }
    }
}
