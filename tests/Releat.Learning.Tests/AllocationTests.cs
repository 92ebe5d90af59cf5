using Releat.Learning.Environments;
using Releat.Learning.Layers;
using Releat.Learning.Models;
using Releat.Testing;

namespace Releat.Learning.Tests;

/// <summary>Hot paths allocate nothing once warm (steady: see SteadyAllocation; the benchmark reports the same figure per step).</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(ActivationFunction.Elu, ActivationFunction.Tanh)]
    [InlineData(ActivationFunction.Gelu, ActivationFunction.Relu)]
    [InlineData(ActivationFunction.Silu, ActivationFunction.Gelu)]
    public void Trading_agent_forward_and_backward_allocate_nothing(ActivationFunction encoder, ActivationFunction heads)
    {
        // Widths that are not multiples of 8 (encoders 20, batch-1 heads 30) take the vector paths' padded tails.
        var spec = new TradingAgentSpec(
            [40, 12, 2, 1], EncoderWidth: 20, HeadHidden: 30, EncoderActivation: encoder, ActorActivation: heads, CriticActivation: heads);
        var network = new TradingAgentNetwork<float>(spec, 32, seed: 1);
        float[] observations = new float[32 * spec.ObservationSize];
        float[] logitGradient = new float[32 * spec.ActionCount];
        float[] valueGradient = new float[32];
        Array.Fill(observations, 0.1f);
        Array.Fill(logitGradient, 0.01f);

        void Pass()
        {
            network.Forward(observations, 32, training: true);
            network.Backward(logitGradient, valueGradient, 32);
            network.Forward(observations.AsSpan(0, spec.ObservationSize), 1, training: false);
        }

        Assert.Equal(0, SteadyAllocation.BytesPerWindow(
            () =>
            {
                for (int i = 0; i < 10; i++)
                {
                    Pass();
                }
            }));
    }

    [Fact]
    public void Vector_env_steps_allocate_nothing()
    {
        using var envs = new VectorEnv([new CartPole(), new CartPole(), new CartPole(), new CartPole()]);
        envs.Reset(1);
        int[] actions = [0, 1, 0, 1];
        Assert.Equal(0, SteadyAllocation.BytesPerWindow(
            () =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    envs.Step(actions);
                }
            }));
    }
}
