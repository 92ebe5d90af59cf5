using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Learning.Checkpoints;
using Releat.Training.Evaluation;
using Releat.Training.Runs;

namespace Releat.Trading.Tests;

/// <summary>Training runs on two weeks of synthetic ticks with PPO shrunk by overrides to 128-step iterations.</summary>
public sealed class TrainingRunTests : IClassFixture<TrainingRunTests.SmallMarket>
{
    private static readonly Dictionary<string, string> Small = new()
    {
        ["training.num_envs"] = "2",
        ["training.num_steps"] = "64",
        ["training.num_minibatches"] = "2",
        ["training.update_epochs"] = "2",
    };

    private readonly SmallMarket _market;

    public TrainingRunTests(SmallMarket market) => _market = market;

    [Fact]
    public async Task A_stopped_run_resumes_from_its_checkpoint_bit_for_bit()
    {
        TrainingResult straight = await new TrainingRun(Options("straight", 1280)).RunAsync();

        using var cancellation = new CancellationTokenSource();
        var progress = new InlineProgress<TrainingProgress>(p =>
        {
            if (p.Stage == TrainingStage.Training && p.Steps >= 4 * 128)
            {
                cancellation.Cancel();
            }
        });
        TrainingResult stopped = await new TrainingRun(Options("resumed", 1280)).RunAsync(progress, cancellation.Token);
        TrainingResult resumed = await new TrainingRun(Options("resumed", 1280)).RunAsync();

        Assert.Equal(TrainingStage.Completed, straight.Stage);
        Assert.Equal(TrainingStage.Stopped, stopped.Stage);
        Assert.Equal(512, stopped.Steps);
        Assert.True(File.Exists(Path.Combine(stopped.FinalCheckpoint, PpoCheckpoint.ModelFile)), "a stopped run writes a final checkpoint");
        Assert.Equal(TrainingStage.Completed, resumed.Stage);
        Assert.Equal(1280, resumed.Steps);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(straight.FinalCheckpoint, PpoCheckpoint.ModelFile)),
            File.ReadAllBytes(Path.Combine(resumed.FinalCheckpoint, PpoCheckpoint.ModelFile)));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(straight.FinalCheckpoint, PpoCheckpoint.OptimizerFile)),
            File.ReadAllBytes(Path.Combine(resumed.FinalCheckpoint, PpoCheckpoint.OptimizerFile)));
    }

    [Fact]
    public async Task Resuming_with_a_config_that_now_describes_another_network_is_refused_naming_the_field()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new InlineProgress<TrainingProgress>(p =>
        {
            if (p.Stage == TrainingStage.Training && p.Steps >= 2 * 128)
            {
                cancellation.Cancel();
            }
        });
        TrainingResult stopped = await new TrainingRun(Options("reshaped", 1280)).RunAsync(progress, cancellation.Token);
        Assert.Equal(TrainingStage.Stopped, stopped.Stage);

        // Loading the stopped run's weights into a different actor would train on garbage without a word.
        var reshaped = new Dictionary<string, string>(Small) { ["model.actor.hidden"] = "[7, 5]" };
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => new TrainingRun(Options("reshaped", 1280) with { Overrides = reshaped }).RunAsync());
        Assert.Contains("model.actor.hidden: [7, 5], but the network", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_writes_curves_a_csv_and_checkpoints_under_the_agents_run_folder()
    {
        TrainingResult result = await new TrainingRun(Options("curves", 1280) with { CheckpointEveryUpdates = 3, KeepCheckpoints = 2 }).RunAsync();

        string run = Path.Combine(_market.Home.Path, "agents", "learner", "runs", "curves");
        Assert.Equal(run, result.RunDirectory);
        Assert.Single(Directory.GetFiles(run, "events.out.tfevents.*"));
        string[] csv = File.ReadAllLines(Path.Combine(run, "scalars.csv"));
        Assert.Equal("wall_time,step,tag,value", csv[0]);
        Assert.Contains(csv, line => line.Contains(",losses/value_loss,", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.Contains(",charts/curriculum_episode_length,", StringComparison.Ordinal));
        IReadOnlyList<(long Steps, string Path)> numbered = CheckpointCatalog.Numbered(Path.Combine(run, "checkpoints"));
        Assert.Equal(2, numbered.Count);
        Assert.All(numbered, c => Assert.StartsWith("validation t ", RunState.Read(c.Path).Deployment!.Reason, StringComparison.Ordinal));

        // A best is written exactly when a checkpoint passed the deploy rule, and it is that checkpoint.
        Assert.NotNull(result.Deployment);
        Assert.Equal(result.Deployment.Deployable, File.Exists(Path.Combine(run, "checkpoints", "best", RunState.FileName)));
        Assert.Equal(result.Deployment.Deployable, result.BestValidationNetPips is not null);
        IReadOnlyList<CheckpointInfo> listed = CheckpointCatalog.ForAgent(new AgentPaths(_market.Home.Path, "learner"));
        Assert.Contains(listed, c => c.Id == "curves/step-000000001280" && c.Steps == 1280);
        Assert.Equal(result.Deployment.Deployable, listed.Any(c => c.Id == "curves/best" && c.IsBest));
        string spec = File.ReadAllText(Path.Combine(result.FinalCheckpoint, AgentModel.SpecFile));
        Assert.Contains("\"actor_hidden\"", spec, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_none_of_whose_checkpoints_beats_flat_by_the_margin_writes_no_best_and_says_why()
    {
        var strict = new Dictionary<string, string>(Small) { ["deploy.min_validation_t"] = "100", ["deploy.pnl_period"] = "1h", ["deploy.min_validation_periods"] = "2" };
        TrainingResult result = await new TrainingRun(Options("strict", 1280) with { Overrides = strict }).RunAsync();

        Assert.Null(result.BestCheckpoint);
        Assert.Null(result.BestValidationNetPips);
        Assert.False(Directory.Exists(Path.Combine(result.RunDirectory, "checkpoints", "best")));
        DeploymentVerdict verdict = Assert.IsType<DeploymentVerdict>(result.Deployment);
        Assert.False(verdict.Deployable);
        Assert.Matches(@"^validation t -?\d+\.\d\d over \d+ hourly P&L \([+-]?\d+\.\d pips, \d+ trades\) < 100\.00: no edge over flat shown$", verdict.Reason);
        Assert.Equal(verdict, RunState.Read(result.FinalCheckpoint).Deployment);
        Assert.Null(CheckpointCatalog.Deployable(new AgentPaths(_market.Home.Path, "learner"), "strict"));
    }

    [Fact]
    public async Task Overrides_are_validated_like_written_values_and_cannot_touch_the_dataset()
    {
        var typo = new Dictionary<string, string>(Small) { ["training.learning_rat"] = "0.1" };
        var error = await Assert.ThrowsAsync<AgentConfigException>(() => new TrainingRun(Options("typo", 1280) with { Overrides = typo }).RunAsync());
        Assert.Contains("learning_rat", error.Message, StringComparison.Ordinal);

        var dataset = new Dictionary<string, string> { ["raw_data.decision_timeframe"] = "5m" };
        var refused = Assert.Throws<ArgumentException>(() => new TrainingRun(Options("dataset", 1280) with { Overrides = dataset }).LoadConfig());
        Assert.Contains("raw_data", refused.Message, StringComparison.Ordinal);

        var hidden = new Dictionary<string, string>(Small) { ["model.actor.hidden"] = "[7, 5]" };
        AgentConfig applied = new TrainingRun(Options("applied", 1280) with { Overrides = hidden }).LoadConfig();
        Assert.Equal([7, 5], applied.Model.Actor.Hidden);
    }

    private TrainingRunOptions Options(string run, long steps) => new()
    {
        AgentId = "learner",
        ConfigPath = _market.Config,
        Home = _market.Home.Path,
        RunName = run,
        TotalTimesteps = steps,
        Overrides = Small,
        CheckpointEveryUpdates = 3,
    };

    /// <summary>Two weeks of ticks and the learner agent, shared by the tests of this class.</summary>
    public sealed class SmallMarket : IDisposable
    {
        public SmallMarket()
        {
            Home.WriteTicks(new DateOnly(2020, 1, 5), new DateOnly(2020, 1, 18), momentumStrength: 0.03, seed: 5);
            Config = Home.WriteAgent("learner", LearningAgentYaml.Text(
                "learner", totalTimesteps: 1280, start: "2020-01-06", trainEnd: "2020-01-13", validationEnd: "2020-01-15", end: "2020-01-17"));
        }

        public SyntheticHome Home { get; } = new();

        public string Config { get; }

        public void Dispose() => Home.Dispose();
    }
}
