using System.Diagnostics;
using System.Text.Json;
using Releat.Agents.Config;
using Releat.Training.Runs;
using Releat.Training.Sweeps;
using Releat.Training.WalkForward;
using Xunit.Abstractions;

namespace Releat.Trading.Tests;

/// <summary>
/// `releat evaluate`'s walk-forward on six weeks of synthetic ticks: two folds (three weeks' training, a week's
/// validation, a week's test) rolling forward, each trained with two seeds and judged by an hourly deploy rule. A
/// planted momentum pattern gives an edge whose whole interval is above zero; a random walk gives no claim and an
/// interval holding zero; the same seeds give byte-identical JSON, also when the evaluation was stopped part way and
/// resumed. Sized for CI: small step counts and the small learning agent.
/// </summary>
public sealed class WalkForwardTests(ITestOutputHelper output)
{
    private const string Agent = "walker";

    [Fact]
    public async Task A_planted_momentum_pattern_gives_an_edge_whose_interval_is_above_zero()
    {
        using var home = new SyntheticHome();
        WalkForwardSummary summary = await Evaluate(home, momentumStrength: 0.05, marketSeed: 3, steps: 60_000, seeds: 2);
        PolicySummary agent = summary.Policy(WalkForwardSummary.AgentPolicy);
        Assert.True(summary.Verdict.ClaimsEdge, summary.Verdict.Reason);
        Assert.True(agent.DailyLowerPips > 0, $"interval [{agent.DailyLowerPips}, {agent.DailyUpperPips}]");
        Assert.True(agent.NetPips > summary.Policy("flat").NetPips && agent.NetPips > summary.Policy("random").NetPips, "the agent beats flat and random");

        // Each fold's own dataset was checked for leakage before training: perturbed decisions were compared, the
        // perturbation reached the next decision's features, and the fitted transforms are the fold's training window's.
        Assert.Equal([1, 2], summary.Leakage.Select(l => l.Fold));
        Assert.All(summary.Leakage, l =>
        {
            Assert.True(l.Clean, $"fold {l.Fold}: {string.Join("; ", l.LeakingColumns.Concat(l.TransformProblems))}");
            Assert.True(l.Compared >= 10 && l.PerturbationSeen >= l.Compared - 1, $"fold {l.Fold}: {l.Compared} compared, perturbation seen {l.PerturbationSeen}");
            Assert.True(l.FittedColumns > 0, "the bar columns are transformed");
        });
    }

    [Fact]
    public async Task A_random_walk_gives_no_claim_and_an_interval_holding_zero()
    {
        using var home = new SyntheticHome();
        WalkForwardSummary summary = await Evaluate(home, momentumStrength: 0, marketSeed: 104, steps: 30_000, seeds: 2);
        PolicySummary agent = summary.Policy(WalkForwardSummary.AgentPolicy);
        Assert.False(summary.Verdict.ClaimsEdge, summary.Verdict.Reason);
        Assert.InRange(0, agent.DailyLowerPips, agent.DailyUpperPips);
        Assert.False(summary.Policy(WalkForwardSummary.UngatedPolicy).DailyLowerPips > 0, "the ungated checkpoints claim no edge either");
        Assert.Equal("no edge", summary.Verdict.Outcome);

        // What each seed would have traded live (gated) never loses significantly against flat on a random walk.
        Assert.Equal([1UL, 2UL], summary.BySeed.Select(b => b.Seed));
        Assert.All(summary.BySeed, b => Assert.False(b.SignificantlyWorseThanFlat, $"seed {b.Seed}: t {b.AgentEdgeT}, {b.AgentNetPips} pips"));
    }

    [Fact]
    public void A_leak_in_any_fold_voids_the_verdict_even_when_the_interval_is_above_zero()
    {
        var agent = new PolicySummary(
            WalkForwardSummary.AgentPolicy, 500, [500], 40, 1, 10, 5, 15, 0.5, 30, 16.7, 4.2, 29.1, 2.5, 3.1);
        FoldLeakage clean = new(1, 25, 25, 25, [], 12, []);
        FoldLeakage peeking = new(2, 25, 25, 25, ["m1.close_diff_0"], 12, []);
        FoldLeakage refit = new(3, 25, 25, 25, [], 12, ["m5.slope_angle_1: fitted on more than the training window alone"]);

        Assert.True(EvaluationVerdict.Judge(agent, 3, 3, 0.95, [clean]).ClaimsEdge);
        foreach (FoldLeakage leak in new[] { peeking, refit })
        {
            EvaluationVerdict verdict = EvaluationVerdict.Judge(agent, 3, 3, 0.95, [clean, leak]);
            Assert.False(verdict.ClaimsEdge);
            Assert.Equal("leakage", verdict.Outcome);
            Assert.Contains($"fold {leak.Fold}", verdict.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_seeds_give_byte_identical_json_also_when_stopped_and_resumed()
    {
        using var home = new SyntheticHome();
        WriteMarket(home, momentumStrength: 0.05, marketSeed: 5);
        WalkForwardOptions options = Options(home, steps: 4_096, seeds: 2);

        // Stopped once the first fold x seed is saved; the others stop after their current update.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var first = new WalkForwardRun(options);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(new StopAfterFirst(stop), stop.Token));
        int saved = Directory.GetFiles(Path.Combine(first.Directory, "units"), "*.json").Length;
        Assert.InRange(saved, 1, 3);

        var resumedProgress = new List<WalkForwardProgress>();
        WalkForwardFiles resumed = await new WalkForwardRun(options).RunAsync(new Recorder(resumedProgress)).WaitAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(saved, resumedProgress[0].Done);

        WalkForwardFiles again = await new WalkForwardRun(options with { Restart = true }).RunAsync().WaitAsync(TimeSpan.FromMinutes(10));
        string resumedJson = await File.ReadAllTextAsync(resumed.JsonPath);
        Assert.Equal(resumedJson, await File.ReadAllTextAsync(again.JsonPath));
        Assert.Equal(resumedJson, again.Summary.ToJson());
        output.WriteLine(resumedJson[..Math.Min(2_000, resumedJson.Length)]);

        // What produced it is on record: the evaluation's and each training's config, data hash, seeds and code.
        using JsonDocument record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(first.Directory, RunRecord.FileName)));
        Assert.Equal("evaluate", record.RootElement.GetProperty("command").GetString());
        Assert.Matches("^[0-9a-f]{64}$", record.RootElement.GetProperty("data_sha256").GetString());
        Assert.True(record.RootElement.GetProperty("data_items").GetInt64() > 100_000, "every tick of the range was hashed");
        Assert.Equal([1UL, 2UL], record.RootElement.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64()));
        Assert.Contains("+", record.RootElement.GetProperty("code_version").GetString(), StringComparison.Ordinal);
        string training = Path.Combine(home.Path, "agents", Agent, "runs", "evaluate-evaluation", "fold-1-seed-1", RunRecord.FileName);
        using JsonDocument trained = JsonDocument.Parse(await File.ReadAllTextAsync(training));
        Assert.Matches("^[0-9a-f]{64}$", trained.RootElement.GetProperty("data_sha256").GetString());
        Assert.Contains("raw_data.split replaced: train [2020-01-06, 2020-01-27)", trained.RootElement.GetProperty("config").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_sweep_its_trials_count_as_configurations_and_give_the_probability_of_overfitting()
    {
        using var home = new SyntheticHome();
        WriteMarket(home, momentumStrength: 0.05, marketSeed: 8);
        string config = Path.Combine(home.Agents, Agent, "agent.yaml");
        var plan = new SweepPlan([SweepParameter.Parse("training.learning_rate=1e-4,3e-4,1e-3")], TrialCount: 3, Grid: true, Seed: 1);
        await new SweepRunner(new SweepOptions { AgentId = Agent, ConfigPath = config, Home = home.Path, Plan = plan, Name = "lr", Parallel = 2, TotalTimesteps = 4_096 })
            .RunAllAsync().WaitAsync(TimeSpan.FromMinutes(10));

        WalkForwardFiles files = await new WalkForwardRun(Options(home, steps: 2_048, seeds: 1) with { Sweep = "lr" }).RunAsync().WaitAsync(TimeSpan.FromMinutes(10));

        OverfittingSummary overfitting = Assert.IsType<OverfittingSummary>(files.Summary.Overfitting);
        Assert.Equal(("lr", 3), (overfitting.Sweep, overfitting.Trials));
        Assert.InRange(overfitting.Probability ?? -1, 0, 1);
        Assert.True(overfitting.Combinations >= 6, $"{overfitting.Splits} blocks, {overfitting.Combinations} splits");
        Assert.Equal(3, files.Summary.DeflatedSharpe.Configurations);
        Assert.Contains("Probability of backtest overfitting across sweep lr", await File.ReadAllTextAsync(files.HtmlPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Folds_roll_forward_without_overlap_and_test_after_they_validate()
    {
        var range = new TimeRange(Ms(2020, 1, 6), Ms(2020, 2, 17));
        IReadOnlyList<WalkForwardFold> folds = WalkForwardFold.Plan(range, folds: 2, trainSegments: 3);
        Assert.Equal(2, folds.Count);
        foreach (WalkForwardFold fold in folds)
        {
            Assert.Equal(fold.Split.Train.EndMs, fold.Split.Validation.StartMs);
            Assert.Equal(fold.Split.Validation.EndMs, fold.Split.Test.StartMs);
            Assert.Equal(3 * fold.Split.Test.LengthMs, fold.Split.Train.LengthMs);
            Assert.True(range.Covers(new TimeRange(fold.Split.Train.StartMs, fold.Split.Test.EndMs)));
        }

        Assert.Equal(folds[0].Split.Test.EndMs, folds[1].Split.Test.StartMs);
        Assert.Equal(Ms(2020, 2, 10), folds[1].Split.Test.StartMs);
        ArgumentException tooShort = Assert.Throws<ArgumentException>(() => WalkForwardFold.Plan(new TimeRange(Ms(2020, 1, 6), Ms(2020, 1, 10)), 5, 3));
        Assert.Contains("too few for 5 folds", tooShort.Message, StringComparison.Ordinal);
    }

    private async Task<WalkForwardSummary> Evaluate(SyntheticHome home, double momentumStrength, ulong marketSeed, long steps, int seeds)
    {
        var clock = Stopwatch.StartNew();
        WriteMarket(home, momentumStrength, marketSeed);
        WalkForwardFiles files = await new WalkForwardRun(Options(home, steps, seeds)).RunAsync().WaitAsync(TimeSpan.FromMinutes(15));
        WalkForwardSummary s = files.Summary;
        output.WriteLine($"momentum {momentumStrength}, market seed {marketSeed}, {steps:N0} steps: {clock.Elapsed.TotalSeconds:F0} s; {s.Verdict.Reason}");
        foreach (PolicySummary p in s.Policies)
        {
            output.WriteLine($"{p.Name,-13} net {p.NetPips,8:F1} [{string.Join(", ", p.NetPipsBySeed)}] trades {p.Trades,6:F1} costs {p.CostsPips,7:F1} daily {p.DailyMeanPips,5:F1} [{p.DailyLowerPips}, {p.DailyUpperPips}] t {p.EdgeT:F2}");
        }

        foreach (RunSummary r in s.Runs)
        {
            output.WriteLine($"fold {r.Fold} seed {r.Seed}: {r.Checkpoint}, agent {r.AgentNetPips} ungated {r.UngatedNetPips}; {r.DeployReason}");
        }

        return s;
    }

    private static void WriteMarket(SyntheticHome home, double momentumStrength, ulong marketSeed)
    {
        home.WriteTicks(new DateOnly(2020, 1, 5), new DateOnly(2020, 2, 18), momentumStrength, marketSeed);
        home.WriteAgent(Agent, LearningAgentYaml.Text(Agent, 100_000, end: "2020-02-17") + """

            deploy:
              min_validation_t: 2.0
              pnl_period: 1h
              min_validation_periods: 20
            """);
    }

    private static WalkForwardOptions Options(SyntheticHome home, long steps, int seeds) => new()
    {
        AgentId = Agent,
        ConfigPath = Path.Combine(home.Agents, Agent, "agent.yaml"),
        Home = home.Path,
        Folds = 2,
        Seeds = seeds,
        TotalTimesteps = steps,
        Parallel = 2,
        CheckpointEveryUpdates = 5,
        Environment = new TradingEnvironmentOptions { MarkToMarketReward = true },
    };

    private static long Ms(int year, int month, int day) => MarketData.Time.UtcTime.FromDate(new DateOnly(year, month, day));

    private sealed class StopAfterFirst(CancellationTokenSource stop) : IProgress<WalkForwardProgress>
    {
        public void Report(WalkForwardProgress value)
        {
            if (value.Done >= 1)
            {
                stop.Cancel();
            }
        }
    }

    private sealed class Recorder(List<WalkForwardProgress> seen) : IProgress<WalkForwardProgress>
    {
        public void Report(WalkForwardProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
