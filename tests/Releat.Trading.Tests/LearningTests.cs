using System.Diagnostics;
using Releat.Agents;
using Releat.Features;
using Releat.Trading;
using Releat.Training;
using Releat.Training.Evaluation;
using Xunit.Abstractions;

namespace Releat.Trading.Tests;

/// <summary>
/// The agent learns a planted pattern and claims nothing on noise: six weeks of synthetic EURUSD ticks with a hidden
/// momentum drift (MarketData's MomentumStrength 0.03) or none, a small agent trained for 600k steps with
/// mark-to-market rewards, its checkpoint chosen on the validation week, then judged on the test week it never saw
/// against flat, random and momentum baselines under the same rules and costs. "No edge" means the mean daily P&amp;L
/// is within two standard errors of zero (|t| ≤ 2). Seeds 21, 25, 27 all beat momentum by 14-32% when this was
/// written; the test keeps one.
/// </summary>
public sealed class LearningTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_agent_learns_a_planted_momentum_pattern_and_beats_every_baseline_out_of_sample()
    {
        (BacktestComparison test, TimeSpan elapsed) = await TrainAndTest(momentumStrength: 0.03, seed: 21);

        Assert.True(test.AgentBeatsBaselines, Describe(test));
        Assert.True(test.Agent.Metrics.ClaimsEdge, Describe(test));
        output.WriteLine($"planted pattern: {elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public async Task On_a_random_walk_the_agent_claims_no_edge()
    {
        (BacktestComparison test, TimeSpan elapsed) = await TrainAndTest(momentumStrength: 0, seed: 22);

        Assert.True(test.Agent.Metrics.WithinNoiseOfFlat, Describe(test));
        Assert.False(test.Agent.Metrics.ClaimsEdge, Describe(test));
        output.WriteLine($"random walk: {elapsed.TotalSeconds:F0} s");
    }

    private async Task<(BacktestComparison Test, TimeSpan Elapsed)> TrainAndTest(double momentumStrength, ulong seed)
    {
        var clock = Stopwatch.StartNew();
        using var home = new SyntheticHome();
        long ticks = home.WriteTicks(new DateOnly(2020, 1, 5), new DateOnly(2020, 2, 10), momentumStrength, seed);
        string config = home.WriteAgent("learner", LearningAgentYaml.Text("learner", totalTimesteps: 600_000));
        output.WriteLine($"{ticks:N0} ticks in {clock.Elapsed.TotalSeconds:F1} s");
        var run = new TrainingRun(new TrainingRunOptions
        {
            AgentId = "learner",
            ConfigPath = config,
            Home = home.Path,
            CheckpointEveryUpdates = 10,
            GradientWorkers = 2,
            Environment = new TradingEnvironmentOptions { MarkToMarketReward = true },
        });
        TrainingResult result = await run.RunAsync();
        output.WriteLine($"trained {result.Steps:N0} steps, mean episode reward {result.MeanEpisodeReward:F2}, best validation {result.BestValidationNetPips:F1} pips at {clock.Elapsed.TotalSeconds:F1} s");

        var backtest = new BacktestRun(new BacktestOptions { AgentId = "learner", Home = home.Path, ConfigPath = config });
        BacktestReportFiles report = await backtest.RunAsync();
        output.WriteLine(Describe(report.Comparison));
        return (report.Comparison, clock.Elapsed);
    }

    private static string Describe(BacktestComparison comparison) => string.Join(
        "\n", comparison.Policies.Select(p =>
            $"{p.Name,-9} net {p.Metrics.NetPips,9:F1} pips, {p.Metrics.Trades,5} trades, win {p.Metrics.WinRate:P0}, t {p.Metrics.EdgeTStatistic:F2}, exposure {p.Metrics.Exposure:P0}"));
}
