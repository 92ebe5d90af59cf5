using Releat.Features.Engine;
using Releat.Learning.Numerics;
using Releat.Signal.Core.Policy;
using Releat.Testing;
using Releat.Trading;

namespace Releat.Signal.Tests;

/// <summary>
/// The live policy against the training environment: for the same dataset row and the environment's own position,
/// the observation, the mask and the greedy action are the same, bit for bit.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class AgentPolicyTests(SmallMarket market)
{
    [Fact]
    public void Observation_mask_and_action_equal_the_environments_for_flat_long_and_short_positions_forced_exits_and_outside_sessions()
    {
        AgentPolicy policy = market.Policy(seed: 11);
        var greedy = new GreedyPolicy(market.Network(seed: 11));
        DecisionTape tape = market.Tape;
        int start = market.RowOf(Monday(0, 50, 0));
        int rows = 3000;
        var environment = new TradingEnvironment(tape, market.Config.Environment.Reward, .., Curriculum.Fixed(rows + 1), seed: 3);
        float[] observation = new float[environment.ObservationSpace.Size];
        bool[] mask = new bool[environment.ActionSpace.N];
        var choice = new PolicyChoice(tape.Actions.Count);
        var random = new SeededRandom(5);
        int flat = 0, longs = 0, shorts = 0, forced = 0, closedSession = 0;

        environment.StartEpisodeAt(start, start + rows + 1, observation);
        for (int i = 0; i < rows; i++)
        {
            int row = environment.Row;
            environment.WriteActionMask(mask);
            AgentPosition position = environment.Position;
            double openPips = AgentObservation.OpenPips(position, tape.Execution(row - 1), tape.Rules.PipSize);
            policy.Decide(market.Dataset.Observation(row), tape.TimeMs(row), position, openPips, choice);

            AssertBitwiseEqual(observation, policy.LastObservation, row);
            Assert.Equal(mask, policy.LastMask.ToArray());
            Assert.Equal(environment.AllowedActions, choice.AllowedActions);
            Assert.Equal(environment.ForcedExit, choice.ForcedExit);
            Assert.Equal(greedy.Choose(observation, mask), choice.Action);

            flat += position.IsFlat ? 1 : 0;
            longs += position.Side > 0 ? 1 : 0;
            shorts += position.Side < 0 ? 1 : 0;
            forced += choice.ForcedExit != ExitReason.None ? 1 : 0;
            closedSession += position.IsFlat && !tape.Status(row).MayOpen ? 1 : 0;

            // Random allowed actions, holding open positions most of the time, walk the environment through every kind of
            // position, up to the maximum hold.
            bool hold = !position.IsFlat && (environment.AllowedActions & 1) != 0 && random.NextDouble() < 0.95;
            environment.Step(hold ? ActionTable.HoldIndex : RandomAllowed(environment.AllowedActions, random), observation);
        }

        Assert.All(new[] { flat, longs, shorts, forced, closedSession }, count => Assert.True(count > 5, $"flat {flat}, long {longs}, short {shorts}, forced {forced}, outside the session {closedSession}"));
    }

    [Fact]
    public void Probabilities_are_those_of_the_masked_distribution_and_masked_actions_get_none()
    {
        AgentPolicy policy = market.Policy(seed: 2);
        var choice = new PolicyChoice(policy.Actions.Count);
        int row = market.RowOf(Monday(1, 30, 0));
        var position = new AgentPosition(2, 1.1, market.Dataset.TimeMs(row) - 60_000);

        policy.Decide(market.Dataset.Observation(row), market.Dataset.TimeMs(row), position, openPips: 1.5, choice);

        Assert.Equal(ExitReason.MaxHold, choice.ForcedExit);
        Assert.Equal(ActionTable.CloseLong(2), choice.Action);
        Assert.Equal(1f, choice.Probabilities[ActionTable.CloseLong(2)]);
        Assert.Equal(1f, choice.Probabilities.ToArray().Sum());
        Assert.Equal(choice.Action, choice.ToContract(policy.Actions).Action);
        Assert.Equal("close_long_2", choice.ToContract(policy.Actions).ActionName);
    }

    [Fact]
    public void Deciding_allocates_nothing()
    {
        AgentPolicy policy = market.Policy(seed: 4);
        var choice = new PolicyChoice(policy.Actions.Count);
        int row = market.RowOf(Monday(0, 30, 0));
        var position = new AgentPosition(-1, 1.1, market.Dataset.TimeMs(row) - 5_000);
        policy.Decide(market.Dataset.Observation(row), market.Dataset.TimeMs(row), position, 0.5, choice);

        Assert.Equal(0, SteadyAllocation.BytesPerWindow(
            () =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    policy.Decide(market.Dataset.Observation(row + i), market.Dataset.TimeMs(row + i), position, 0.5, choice);
                }
            }));
    }

    [Fact]
    public void A_checkpoint_of_other_features_does_not_fit_the_live_plan()
    {
        AgentPolicy policy = market.Policy(seed: 1);
        var other = FeaturePlan.Compile(
            market.Config with { Features = [.. market.Config.Features.Where(g => g.Name != "clock")] }, SmallMarket.Registry);

        var error = Assert.Throws<InvalidDataException>(() => policy.CheckFits(other));
        Assert.Contains("first difference at column", error.Message, StringComparison.Ordinal);
        policy.CheckFits(market.Plan);
    }

    internal static long Monday(int hour, int minute, int second) => MarketData.Time.UtcTime.FromParts(2020, 1, 6, hour, minute, second, 0);

    internal static void AssertBitwiseEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, long where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int c = 0; c < expected.Length; c++)
        {
            if (BitConverter.SingleToInt32Bits(expected[c]) != BitConverter.SingleToInt32Bits(actual[c]))
            {
                Assert.Fail($"{where}, value {c}: expected {expected[c]:R}, got {actual[c]:R}");
            }
        }
    }

    private static int RandomAllowed(ulong allowed, SeededRandom random)
    {
        int pick = random.NextInt(System.Numerics.BitOperations.PopCount(allowed));
        for (; pick > 0; pick--)
        {
            allowed &= allowed - 1;
        }

        return System.Numerics.BitOperations.TrailingZeroCount(allowed);
    }
}
