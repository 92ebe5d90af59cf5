using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.Features.Leakage;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Testing;
using Releat.Training.Leakage;
using Releat.Training.Runs;
using Xunit.Abstractions;

namespace Releat.Trading.Tests;

/// <summary>
/// `releat check-leakage` on two weeks of synthetic ticks: an agent naming every built-in feature (every bar feature on
/// two timeframes, both time features, the position features) is clean, and the perturbation it applies does reach
/// the features of the next decision; a test-only feature that reads the first tick after its decision is caught; a
/// dataset whose transforms were fitted on another window than its training split is caught.
/// </summary>
public sealed class LeakageTests(ITestOutputHelper output)
{
    private const string Agent = "leaky";

    [Fact]
    public async Task Every_built_in_feature_is_free_of_look_ahead_and_its_transforms_saw_only_the_training_window()
    {
        using var home = new SyntheticHome();
        AgentConfig config = WriteMarketAndAgent(home, new FeatureRegistry(), BuiltInBarFeatures.All.Select(f => f.Name), peek: false);

        LeakageAuditResult result = await LeakageAudit.RunAsync(config, new FeatureRegistry(), home.Path, samples: 12, seed: 7).WaitAsync(TimeSpan.FromMinutes(5));

        output.WriteLine($"{result.LookAhead.Compared} of {result.LookAhead.Sampled} compared, perturbation seen {result.LookAhead.PerturbationSeen} times, {result.Columns} columns, {result.FittedColumns} fitted");
        Assert.True(result.LookAhead.Clean, string.Join("\n", result.LookAhead.Findings.Take(10)));
        Assert.Empty(result.TransformProblems);
        Assert.True(result.LookAhead.Compared >= 10, $"only {result.LookAhead.Compared} sampled decisions had observations");
        Assert.True(result.LookAhead.PerturbationSeen >= result.LookAhead.Compared - 1, "the perturbation must reach the features of the next decision, or the check proves nothing");
        Assert.True(result.FittedColumns > 20, "the bar columns are transformed");
        Assert.True(result.Clean);
    }

    [Fact]
    public async Task A_feature_that_peeks_one_tick_ahead_is_caught()
    {
        using var home = new SyntheticHome();
        var board = new FeedBoard();
        var registry = new FeatureRegistry();
        registry.Register(new NextTickFeature(board));
        AgentConfig config = WriteMarketAndAgent(home, registry, ["close_diff"], peek: true);

        LeakageAuditResult result = await LeakageAudit.RunAsync(
            config, registry, home.Path, samples: 8, seed: 3, watch: check => check.Feeding += feed => board.Feed = feed).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.False(result.Clean);
        Assert.Equal(["clock.peek_next_tick.mid"], result.LookAhead.LeakingColumns);
        Assert.Equal(result.LookAhead.Compared, result.LookAhead.Findings.Count);
        output.WriteLine(string.Join("\n", result.LookAhead.Findings.Select(f => $"{UtcTime.Format(f.DecisionTimeMs)} {f.Column}: {f.Before} -> {f.After}")));
    }

    [Fact]
    public async Task Transforms_fitted_on_another_window_than_the_training_split_are_caught()
    {
        using var home = new SyntheticHome();
        var registry = new FeatureRegistry();
        AgentConfig config = WriteMarketAndAgent(home, registry, ["close_diff", "slope_angle"], peek: false);
        using IDataset dataset = await AgentDataset.OpenOrBuildAsync(config, registry, home.Path, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(5));

        // The dataset claims the whole range as its training window: a refit there gives other parameters.
        DatasetMetadata claimed = dataset.Metadata with { Train = config.RawData.DataRange };
        IReadOnlyList<string> problems = TransformWindowCheck.Run(FeaturePlan.Compile(config, registry), MarketFeed.FromStore(config, home.Path), claimed);

        Assert.InRange(problems.Count, 5, 10);   // of the 10 fitted bar columns, all but any that are constant
        Assert.All(problems, p => Assert.Contains("alone", p, StringComparison.Ordinal));
        output.WriteLine(problems[0]);
    }

    private static AgentConfig WriteMarketAndAgent(SyntheticHome home, FeatureRegistry registry, IEnumerable<string> barFeatures, bool peek)
    {
        home.WriteTicks(new DateOnly(2020, 1, 5), new DateOnly(2020, 1, 18), momentumStrength: 0.05, seed: 11);
        string features = string.Join(", ", barFeatures);
        string path = home.WriteAgent(Agent, LearningAgentYaml.Text(
            Agent, 4_096, start: "2020-01-06", trainEnd: "2020-01-13", validationEnd: "2020-01-15", end: "2020-01-17", features: TestAgentYaml.FeaturesSection(
                TestAgentYaml.BarGroup("m1", "1m", lags: 3, features, "{ clip_percentiles: [0.5, 99.5], yeo_johnson: true, standardize: true, clip: 5 }"),
                TestAgentYaml.BarGroup("m5", "5m", lags: 2, features, LearningAgentYaml.ClippedAndStandardised),
                TestAgentYaml.ClockGroup(peek ? "time_of_day, peek_next_tick" : "time_of_day, time_of_week"),
                TestAgentYaml.PositionGroup)));
        return new AgentConfigLoader(registry).Parse(File.ReadAllText(path), path);
    }

    /// <summary>The feed the engine is reading right now, as the check announces it.</summary>
    private sealed class FeedBoard
    {
        public MarketFeed? Feed { get; set; }
    }

    /// <summary>
    /// Test-only and wrong on purpose: the mid of the first tick at or after the decision, read from the feed the
    /// engine reads (as a plug-in reading prices by time from anywhere would).
    /// </summary>
    private sealed class NextTickFeature(FeedBoard board) : ITimeFeature
    {
        public string Name => "peek_next_tick";

        public IReadOnlyList<string> Outputs { get; } = ["mid"];

        public void Compute(long decisionTimeMs, Span<float> destination)
        {
            destination[0] = 0;
            if (board.Feed?.Ticks is not { } ticks)
            {
                return;
            }

            using ITickReader reader = ticks[0].Open(decisionTimeMs, decisionTimeMs + (10 * UtcTime.MsPerMinute));
            Span<Tick> next = stackalloc Tick[1];
            if (reader.Read(next) == 1)
            {
                destination[0] = (float)(0.5 * (next[0].Bid + next[0].Ask));
            }
        }
    }
}
