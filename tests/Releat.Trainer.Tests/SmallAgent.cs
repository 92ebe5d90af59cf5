using Releat.Testing;

namespace Releat.Trainer.Tests;

/// <summary>A small agent on 1-minute decisions whose PPO iterations are 128 steps, so a run takes seconds.</summary>
internal static class SmallAgent
{
    public static readonly string Yaml = new TestAgentYaml
    {
        Agent = "learner",
        DecisionTimeframe = "1m",
        TimeOffset = "0s",
        Start = "2020-01-06",
        TrainEnd = "2020-01-13",
        ValidationEnd = "2020-01-15",
        End = "2020-01-17",
        Features = TestAgentYaml.FeaturesSection(
            TestAgentYaml.BarGroup("m1", "1m", lags: 5, "close_diff, slope_angle", "{ standardize: true, clip: 5 }"),
            TestAgentYaml.ClockGroup(),
            TestAgentYaml.PositionGroup),
        Environment = TestAgentYaml.EnvironmentSection(
            maxHold: "2h", stopPips: 30, commissionPips: 1.0, rewardScaling: 0.1, rewardClip: 5, episodeLength: 240),
        Model = TestAgentYaml.ModelSection(encoderWidth: 8, hidden: "16", variableSelection: true),
        Training = TestAgentYaml.TrainingSection(1280, numEnvs: 2, numSteps: 64, numMinibatches: 2, updateEpochs: 2, entCoef: 0.01),
        Trading = TestAgentYaml.TradingSection(dailyLossLimit: 100),
    }.ToString();
}
