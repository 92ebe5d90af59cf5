using System.Numerics;
using Releat.Agents.Config;
using Releat.Features.Store;

namespace Releat.Trading.Benchmarks;

/// <summary>
/// Environment steps per second on one core, no network: t00001's rules and dataset, a policy that picks uniformly
/// among the allowed actions with a few integer operations (so the figure is the environment's own cost).
/// </summary>
internal static class EnvironmentBenchmark
{
    private const int StepsPerCall = 10_000;

    public static void Run(AgentConfig config, IDataset dataset)
    {
        var tape = new DecisionTape(dataset, PositionRules.For(config));
        var environment = new TradingEnvironment(tape, config.Environment.Reward, tape.RowsIn(config.RawData.Split.Train),
            Curriculum.Fixed(config.Environment.EpisodeLength), seed: 1);
        float[] observation = new float[environment.ObservationSpace.Size];
        environment.Reset(observation);
        ulong state = 0x9E3779B97F4A7C15UL;
        long trades = 0;

        void Steps()
        {
            for (int i = 0; i < StepsPerCall; i++)
            {
                ulong allowed = environment.AllowedActions;
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                int pick = (int)(state % (ulong)BitOperations.PopCount(allowed));
                for (; pick > 0; pick--)
                {
                    allowed &= allowed - 1;
                }

                int action = BitOperations.TrailingZeroCount(allowed);
                trades += tape.Actions[action].Closes ? 1 : 0;
                if (environment.Step(action, observation).Truncated)
                {
                    environment.Reset(observation);
                }
            }
        }

        (double seconds, double bytes) = Measure.Run(Steps, 500);
        Console.WriteLine(
            $"environment  t00001, {dataset.Count:N0} rows × {environment.ObservationSpace.Size} values, {tape.Actions.Count} actions: " +
            $"{StepsPerCall / seconds / 1e6:F2} M steps/s on one core ({seconds / StepsPerCall * 1e9:F0} ns a step), {bytes / StepsPerCall:F3} bytes allocated a step");
    }
}
