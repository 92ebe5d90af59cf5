using Releat.Agents.Config;

namespace Releat.Training.Evaluation;

/// <summary>
/// The five policies every agent is measured against, in the order reports list them: flat (doing nothing), random
/// (trading without skill, seeded), momentum (the rule a trader tries first), buy and hold and sell and hold (what
/// the market's drift alone earns). The backtest and the walk-forward take them from here so both compare the same.
/// </summary>
public static class Baselines
{
    public static IReadOnlyList<ITradingPolicy> For(AgentConfig config, ulong randomSeed)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [new FlatPolicy(), new RandomPolicy(randomSeed), MomentumPolicy.For(config), HoldPolicy.For(config, 1), HoldPolicy.For(config, -1)];
    }
}
