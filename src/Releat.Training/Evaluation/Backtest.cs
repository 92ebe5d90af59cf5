using Releat.Agents.Config;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>
/// Walks a policy over every decision of a period as one episode, under the training environment's own execution
/// rules and fills (the last decision closes any position), and records trades and equity.
/// </summary>
public static class Backtest
{
    public static BacktestResult Run(DecisionTape tape, RewardConfig reward, Range rows, ITradingPolicy policy, ulong fillSeed = 1)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(policy);
        (int start, int length) = rows.GetOffsetAndLength(tape.Count);
        if (length < 2)
        {
            throw new ArgumentException($"the period holds {length} decisions; a backtest needs at least 2", nameof(rows));
        }

        var environment = new TradingEnvironment(tape, reward, rows, Curriculum.Fixed(length), seed: fillSeed) { TradeLog = [] };
        float[] observation = new float[environment.ObservationSpace.Size];
        bool[] mask = new bool[environment.ActionSpace.N];
        long[] times = new long[length];
        double[] equity = new double[length];
        int exposed = 0;
        policy.Reset();
        environment.StartEpisodeAt(start, start + length, observation);
        for (int i = 0; i < length; i++)
        {
            environment.WriteActionMask(mask);
            times[i] = environment.TimeMs;
            int action = policy.Choose(environment, observation, mask);
            environment.Step(action, observation);
            equity[i] = environment.EquityPips;
            exposed += environment.Position.IsFlat ? 0 : 1;
        }

        return new BacktestResult(policy.Name, environment.TradeLog, times, equity, exposed);
    }
}
