using Releat.Learning.Environments;
using Releat.Learning.Layers;
using Releat.Learning.Models;
using Releat.Learning.Numerics;
using Releat.Learning.Ppo;
using Releat.Randomness;

namespace Releat.Learning.Tests;

public sealed class TradingAgentNetworkTests
{
    [Theory]
    [InlineData(ActivationFunction.Elu, ActivationFunction.Tanh, ActivationFunction.Tanh, null)] // the defaults
    [InlineData(ActivationFunction.Gelu, ActivationFunction.Relu, ActivationFunction.Relu, null)]
    [InlineData(ActivationFunction.Silu, ActivationFunction.Gelu, ActivationFunction.Elu, 6)]
    public void Whole_network_gradient_matches_finite_differences_in_double(
        ActivationFunction encoder, ActivationFunction actor, ActivationFunction critic, int? selectorHidden)
    {
        var spec = new TradingAgentSpec(
            [3, 2, 1], ActionCount: 3, EncoderWidth: 4, HeadHidden: 5, Dropout: 0.2,
            EncoderActivation: encoder, SelectorHidden: selectorHidden, ActorActivation: actor, CriticActivation: critic);
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
    public void Each_configured_activation_changes_only_its_part_of_the_network()
    {
        var baseline = new TradingAgentSpec([3, 2, 1], ActionCount: 3, EncoderWidth: 4, HeadHidden: 5, Dropout: 0);
        double[] observations = GradientCheck.Gaussian(new SeededRandom(8), 4 * baseline.ObservationSize);
        (double[] logits, double[] values) = Outputs(baseline);

        // The activation does not enter the weights: the same seed initialises the same parameters.
        var gelu = baseline with { EncoderActivation = ActivationFunction.Gelu };
        Assert.Equal(new TradingAgentNetwork<double>(baseline, 4, 9).Parameters.Values.ToArray(), new TradingAgentNetwork<double>(gelu, 4, 9).Parameters.Values.ToArray());
        (double[] geluLogits, double[] geluValues) = Outputs(gelu);
        Assert.All(Enumerable.Range(0, logits.Length), i => Assert.NotEqual(logits[i], geluLogits[i]));
        Assert.All(Enumerable.Range(0, values.Length), i => Assert.NotEqual(values[i], geluValues[i]));

        (double[] reluActorLogits, double[] reluActorValues) = Outputs(baseline with { ActorActivation = ActivationFunction.Relu });
        Assert.NotEqual(logits, reluActorLogits);
        Assert.Equal(values, reluActorValues);

        (double[] siluCriticLogits, double[] siluCriticValues) = Outputs(baseline with { CriticActivation = ActivationFunction.Silu });
        Assert.Equal(logits, siluCriticLogits);
        Assert.NotEqual(values, siluCriticValues);

        (double[], double[]) Outputs(TradingAgentSpec spec)
        {
            ActorCriticOutput<double> output = new TradingAgentNetwork<double>(spec, 4, seed: 9).Forward(observations, 4, training: false);
            return (output.Logits.ToArray(), output.Values.ToArray());
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
