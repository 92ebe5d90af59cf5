using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>Small agent configs written inline, for tests that need features t00001 does not use.</summary>
internal static class AgentYaml
{
    /// <param name="features">The feature groups (YAML list items, each line indented by two spaces).</param>
    public static string Text(string source, string rawDataExtra, string features, string symbols = "EURUSD") => new TestAgentYaml
    {
        Source = source,
        Symbols = symbols,
        RawDataExtra = rawDataExtra,
        Start = "2020-01-06",
        TrainEnd = "2020-01-09",
        ValidationEnd = "2020-01-10",
        End = "2020-01-11",
        Features = TestAgentYaml.FeaturesSection(features),
    }.ToString();

    public static AgentConfig Load(string features, string rawDataExtra = "", string source = "ticks") =>
        new AgentConfigLoader(TestAgents.Registry).Parse(Text(source, rawDataExtra, features), "test.yaml");
}
