using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.MarketData.Time;
using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>The shipped agents, loaded from the repository, moved onto the synthetic data's dates when needed.</summary>
internal static class TestAgents
{
    public static FeatureRegistry Registry { get; } = new();

    public static AgentConfig Load(string id) =>
        new AgentConfigLoader(Registry).Load(Path.Combine(RepositoryRoot.Path, "agents", id, "agent.yaml"));

    /// <summary>t00001 over <paramref name="days"/> days from 2020-01-06, split 60/20/20 by time.</summary>
    public static AgentConfig T00001OnSyntheticDays(int days)
    {
        AgentConfig config = Load("t00001");
        long start = SyntheticTicks.Start;
        long end = start + (days * UtcTime.MsPerDay);
        long trainEnd = start + (days * 6 / 10 * UtcTime.MsPerDay);
        long validationEnd = start + (days * 8 / 10 * UtcTime.MsPerDay);
        return config with
        {
            RawData = config.RawData with
            {
                DataRange = new TimeRange(start, end),
                Split = new DataSplit(new TimeRange(start, trainEnd), new TimeRange(trainEnd, validationEnd), new TimeRange(validationEnd, end)),
            },
        };
    }
}
