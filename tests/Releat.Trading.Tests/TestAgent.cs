using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Testing;

namespace Releat.Trading.Tests;

/// <summary>Small agent configs written inline: 10 s decisions on EURUSD, with the environment rules a test sets.</summary>
internal static class TestAgent
{
    public static FeatureRegistry Registry { get; } = new();

    public static AgentConfig Load(
        string minHold = "0s", string maxHold = "1h", double stopPips = 10, double commissionPips = 0.2,
        double scaling = 1, double clip = 1000, int maxUnits = 2, int episodeLength = 100,
        string closeBeforeWeekend = "0s", string closeBeforeSessionEnd = "0s", string sessions = "[]") =>
        new AgentConfigLoader(Registry).Parse(
            new TestAgentYaml
            {
                Features = TestAgentYaml.FeaturesSection(
                    TestAgentYaml.BarGroup("m1", "1m", lags: 2, "price_diff"), TestAgentYaml.ClockGroup(), TestAgentYaml.PositionGroup),
                Environment = TestAgentYaml.EnvironmentSection(
                    maxUnits, minHold, maxHold, stopPips, commissionPips, scaling, clip, episodeLength, closeBeforeWeekend, closeBeforeSessionEnd),
                Trading = TestAgentYaml.TradingSection(maxPosition: maxUnits, sessions: sessions),
            }.ToString(),
            "test.yaml");
}
