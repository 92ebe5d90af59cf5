using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.MarketData.Time;

namespace Releat.Features.Benchmarks;

/// <summary>The agents the benchmarks run: the shipped t00001, and the peer's statistics as a one-group agent.</summary>
internal static class BenchAgents
{
    public static FeatureRegistry Registry { get; } = new();

    public static AgentConfig T00001() =>
        new AgentConfigLoader(Registry).Load(Path.Combine(RepositoryPaths.Root, "agents", "t00001", "agent.yaml"));

    /// <summary>
    /// What bars_pandas.py computes: a rolling 30 s bar on a 10 s grid with mean, min and max mid, mean spread, the
    /// shares of bid-only and ask-only quotes, and the tick count; open all week like the peer's calendar-free ticks.
    /// </summary>
    public static AgentConfig PeerBars(TimeRange range)
    {
        AgentConfig t = T00001();
        return t with
        {
            RawData = t.RawData with
            {
                TimeOffset = TimeSpan.Zero,
                Market = t.RawData.Market with { OpenAllWeek = true, Holidays = [] },
                DataRange = range,
                Split = new DataSplit(range, new TimeRange(range.EndMs, range.EndMs), new TimeRange(range.EndMs, range.EndMs)),
            },
            Features =
            [
                new FeatureGroupConfig("s30", FeatureGroupKind.Bars, "EURUSD", TimeSpan.FromSeconds(30), 1,
                    ["mean", "min", "max", "mean_spread", "bid_ratio", "ask_ratio", "tick_count"], TransformConfig.None, default),
            ],
        };
    }

    public static AgentConfig T00001Over(TimeRange range, TimeRange train)
    {
        AgentConfig t = T00001();
        return t with
        {
            RawData = t.RawData with
            {
                DataRange = range,
                Split = new DataSplit(train, new TimeRange(train.EndMs, range.EndMs), new TimeRange(range.EndMs, range.EndMs)),
            },
        };
    }

    public static long Monday2020 => UtcTime.FromDate(new DateOnly(2020, 1, 6));
}
