using Releat.Testing;

namespace Releat.Trading.Tests;

/// <summary>
/// A small agent for learning tests on synthetic ticks: a decision a minute, 1-minute and 5-minute bar features and
/// the time of day, one unit long or short, a commission of 1 pip a round turn on top of the spread, and a small
/// network. Four weeks train, one validates (checkpoint choice), one tests.
/// </summary>
internal static class LearningAgentYaml
{
    /// <param name="features">The features section (from "features:" on) instead of the default one.</param>
    public static string Text(string id, long totalTimesteps, string start = "2020-01-06", string trainEnd = "2020-01-27",
        string validationEnd = "2020-02-03", string end = "2020-02-10", string? features = null) => new TestAgentYaml
    {
        Agent = id,
        DecisionTimeframe = "1m",
        TimeOffset = "0s",
        Start = start,
        TrainEnd = trainEnd,
        ValidationEnd = validationEnd,
        End = end,
        Features = features ?? DefaultFeatures,
        Environment = TestAgentYaml.EnvironmentSection(
            maxHold: "2h", stopPips: 30, commissionPips: 1.0, rewardScaling: 0.1, rewardClip: 5, episodeLength: 240, closeBeforeWeekend: "15m"),
        Model = TestAgentYaml.ModelSection(encoderWidth: 16, hidden: "32, 32", variableSelection: true),
        Training = TestAgentYaml.TrainingSection(totalTimesteps, numEnvs: 8, numSteps: 256, numMinibatches: 4, updateEpochs: 4, entCoef: 0.01),
        Trading = TestAgentYaml.TradingSection(dailyLossLimit: 100),
    }.ToString();

    /// <summary>Bar features of 1 and 5 minutes, the time of day and the position.</summary>
    public static readonly string DefaultFeatures = TestAgentYaml.FeaturesSection(
        TestAgentYaml.BarGroup("m1", "1m", lags: 5, "close_diff, slope_angle", ClippedAndStandardised),
        TestAgentYaml.BarGroup("m5", "5m", lags: 3, "close_diff, slope_angle", ClippedAndStandardised),
        TestAgentYaml.ClockGroup(),
        TestAgentYaml.PositionGroup);

    /// <summary>The bar groups' transform: winsorised at the 0.5 and 99.5 percentiles, standardised, clipped at 5.</summary>
    public const string ClippedAndStandardised = "{ clip_percentiles: [0.5, 99.5], standardize: true, clip: 5 }";
}
