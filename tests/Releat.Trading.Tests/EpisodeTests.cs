using Releat.Agents.Config;
using Releat.Learning.Environments;

namespace Releat.Trading.Tests;

public sealed class EpisodeTests
{
    [Fact]
    public void Episodes_start_at_seeded_random_rows_of_the_period_and_end_truncated_after_their_length()
    {
        var market = new HandmadeMarket(TestAgent.Load(episodeLength: 20), 1000);
        DecisionTape tape = market.Tape();
        List<int> Starts(ulong seed)
        {
            var env = new TradingEnvironment(tape, market.Config.Environment.Reward, 200..700, Curriculum.Fixed(20), seed: seed);
            float[] observation = new float[env.ObservationSpace.Size];
            var starts = new List<int>();
            env.Reset(observation);
            for (int episode = 0; episode < 50; episode++)
            {
                int start = env.Row;
                starts.Add(start);
                Assert.InRange(start, 200, 698);
                int steps = 0;
                StepOutcome outcome;
                do
                {
                    outcome = env.Step(ActionTable.HoldIndex, observation);
                    steps++;
                }
                while (!outcome.Truncated);

                Assert.Equal(Math.Min(20, 700 - start), steps);
                env.Reset(observation);
            }

            return starts;
        }

        Assert.Equal(Starts(11), Starts(11));
        Assert.NotEqual(Starts(11), Starts(12));
        Assert.True(Starts(11).Distinct().Count() > 40);
    }

    [Fact]
    public void The_curriculum_lengthens_episodes_every_n_updates_while_the_reward_passes_its_threshold()
    {
        var curriculum = new Curriculum(new CurriculumConfig(true, 100, 1.5, 2), 300, rewardThreshold: 0.5);

        Assert.Equal(100, curriculum.EpisodeLength);
        Assert.False(curriculum.OnUpdate(1, 1.0));   // not an every-2 update
        Assert.False(curriculum.OnUpdate(2, 0.4));   // below the threshold
        Assert.True(curriculum.OnUpdate(4, 0.6));
        Assert.Equal(150, curriculum.EpisodeLength);
        Assert.True(curriculum.OnUpdate(6, 0.6));
        Assert.True(curriculum.OnUpdate(8, 0.6));
        Assert.Equal(300, curriculum.EpisodeLength);   // 225 × 1.5 capped at the full length
        Assert.False(curriculum.OnUpdate(10, 9));

        var market = new HandmadeMarket(TestAgent.Load(), 1000);
        var shortFirst = new Curriculum(new CurriculumConfig(true, 10, 2, 1), 40);
        var env = new TradingEnvironment(market.Tape(), market.Config.Environment.Reward, .., shortFirst, seed: 1);
        float[] observation = new float[env.ObservationSpace.Size];
        env.Reset(observation);
        Assert.Equal(10, env.EpisodeEnd - env.EpisodeStart);
        shortFirst.OnUpdate(1, 0);
        env.Reset(observation);
        Assert.Equal(20, env.EpisodeEnd - env.EpisodeStart);
    }

    [Fact]
    public void Poor_episodes_are_replayed_when_asked()
    {
        var market = new HandmadeMarket(TestAgent.Load(), 5000);
        for (int r = 0; r < 5000; r++)
        {
            market.Windows[r] = HandmadeMarket.Window(r % 200 < 100 ? r % 200 : 200 - (r % 200));
        }

        int DistinctStarts(double repeat)
        {
            var env = new TradingEnvironment(market.Tape(), market.Config.Environment.Reward, .., Curriculum.Fixed(10),
                new TradingEnvironmentOptions { RepeatPoorEpisodes = repeat }, seed: 3);
            float[] observation = new float[env.ObservationSpace.Size];
            var starts = new HashSet<int>();
            env.Reset(observation);
            for (int episode = 0; episode < 200; episode++)
            {
                starts.Add(env.Row);
                env.Step(ActionTable.OpenLong(1), observation);   // long to the end: loses where the price falls
                while (!env.Step(env.ForcedExit != ExitReason.None ? LastAllowed(env) : ActionTable.HoldIndex, observation).Truncated)
                {
                }

                env.Reset(observation);
            }

            return starts.Count;
        }

        Assert.True(DistinctStarts(0.8) < DistinctStarts(0) * 0.6, $"{DistinctStarts(0.8)} vs {DistinctStarts(0)}");
    }

    [Fact]
    public void A_restored_environment_continues_exactly_as_the_original()
    {
        var market = new HandmadeMarket(TestAgent.Load(episodeLength: 30), 2000);
        var random = new Random(2);
        for (int r = 0; r < 2000; r++)
        {
            market.Windows[r] = HandmadeMarket.Window(random.Next(-30, 30));
        }

        DecisionTape tape = market.Tape();
        var options = new TradingEnvironmentOptions { RepeatPoorEpisodes = 0.3 };
        var original = new TradingEnvironment(tape, market.Config.Environment.Reward, .., Curriculum.Fixed(30), options);
        float[] observation = new float[original.ObservationSpace.Size];
        original.Reset(5, observation);
        var policy = new Random(4);
        Play(original, observation, policy, 500);

        byte[] state = original.CaptureState();
        var restored = new TradingEnvironment(tape, market.Config.Environment.Reward, .., Curriculum.Fixed(30), options);
        restored.RestoreState(state);
        float[] restoredObservation = (float[])observation.Clone();
        var policyCopy = new Random(9);
        var policyOriginal = new Random(9);
        for (int i = 0; i < 2000; i++)
        {
            int action = Choose(original, policyOriginal);
            Assert.Equal(action, Choose(restored, policyCopy));
            StepOutcome a = original.Step(action, observation);
            StepOutcome b = restored.Step(action, restoredObservation);
            Assert.Equal(a, b);
            Assert.Equal(observation, restoredObservation);
            if (a.Truncated)
            {
                original.Reset(observation);
                restored.Reset(restoredObservation);
            }
        }
    }

    private static void Play(TradingEnvironment env, float[] observation, Random policy, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            if (env.Step(Choose(env, policy), observation).Truncated)
            {
                env.Reset(observation);
            }
        }
    }

    private static int Choose(TradingEnvironment env, Random policy)
    {
        int[] allowed = [.. Enumerable.Range(0, env.ActionSpace.N).Where(i => ((env.AllowedActions >> i) & 1) != 0)];
        return allowed[policy.Next(allowed.Length)];
    }

    private static int LastAllowed(TradingEnvironment env) => 63 - System.Numerics.BitOperations.LeadingZeroCount(env.AllowedActions);
}
