using System.Globalization;
using Releat.Learning.Environments;

namespace Releat.Learning.Tests;

public sealed class CartPoleTests
{
    [Fact]
    public void Steps_match_the_reference_scripts_equations()
    {
        // Drive the reference script's CartPole class and ours from the same state with the same actions.
        string peers = Path.Combine(Python.SharedPath(), "peers");
        int[] actions = [1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
        string script = """
            import sys, types, numpy as np
            try:
                import torch
            except ImportError:  # only the CartPole class is used: stand in for torch if it is not installed
                stub = types.ModuleType('torch'); stub.nn = types.ModuleType('torch.nn')
                sys.modules['torch'] = stub; sys.modules['torch.nn'] = stub.nn
            sys.path.insert(0, sys.argv[1])
            from ppo_cartpole_torch import CartPole
            env = CartPole(np.random.default_rng(0))
            env.x = np.array([0.01, -0.02, 0.03, 0.04]); env.t = 0
            for a in [int(c) for c in sys.argv[2].split(',')]:
                o, r, term, trunc = env.step(a)
                print(' '.join(repr(float(v)) for v in env.x), int(term))
            """;
        string[] lines = Python.Run(script, peers, string.Join(',', actions)).Trim().Split('\n');

        var env = new CartPole();
        env.RestoreState(StateBytes(0.01, -0.02, 0.03, 0.04));
        float[] observation = new float[4];
        for (int i = 0; i < actions.Length; i++)
        {
            StepOutcome outcome = env.Step(actions[i], observation);
            string[] expected = lines[i].Split(' ');
            for (int k = 0; k < 4; k++)
            {
                Assert.Equal((float)double.Parse(expected[k], CultureInfo.InvariantCulture), observation[k]);
            }

            Assert.Equal(expected[4] == "1", outcome.Terminated);
            Assert.Equal(1.0f, outcome.Reward);
        }
    }

    [Fact]
    public void Pole_past_twelve_degrees_terminates()
    {
        var env = new CartPole();
        env.RestoreState(StateBytes(0, 0, (12 * Math.PI / 180) - 1e-4, 1.0));
        Assert.True(env.Step(1, new float[4]).Terminated);
    }

    [Fact]
    public void Episodes_are_truncated_at_500_steps()
    {
        var env = new CartPole();
        float[] observation = new float[4];
        env.Reset(3, observation);
        StepOutcome outcome = default;
        for (int t = 0; t < CartPole.MaxEpisodeSteps; t++)
        {
            // Keep the pole up with a simple bang-bang controller; reset the physics if it would fall, not the clock.
            outcome = env.Step(observation[2] + (0.5f * observation[3]) > 0 ? 1 : 0, observation);
            Assert.False(outcome.Terminated, $"fell at step {t}");
        }

        Assert.True(outcome.Truncated);
    }

    [Fact]
    public void Reset_draws_each_state_value_uniformly_within_five_hundredths()
    {
        var env = new CartPole();
        float[] observation = new float[4];
        for (ulong seed = 0; seed < 200; seed++)
        {
            env.Reset(seed, observation);
            Assert.All(observation, v => Assert.InRange(v, -0.05f, 0.05f));
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_episode_start()
    {
        float[] a = new float[4], b = new float[4];
        new CartPole().Reset(42, a);
        new CartPole().Reset(42, b);
        Assert.Equal(a, b);
    }

    internal static byte[] StateBytes(double x, double xDot, double theta, double thetaDot)
    {
        byte[] state = new CartPole(7).CaptureState();
        BitConverter.TryWriteBytes(state.AsSpan(0), x);
        BitConverter.TryWriteBytes(state.AsSpan(8), xDot);
        BitConverter.TryWriteBytes(state.AsSpan(16), theta);
        BitConverter.TryWriteBytes(state.AsSpan(24), thetaDot);
        BitConverter.TryWriteBytes(state.AsSpan(32), 0);
        return state;
    }
}
