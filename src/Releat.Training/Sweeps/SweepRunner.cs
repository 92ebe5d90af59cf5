using System.Diagnostics;
using Releat.Agents.Config;
using Releat.Features.Registry;
using Releat.Training.Evaluation;
using Releat.Training.Runs;

namespace Releat.Training.Sweeps;

/// <summary>
/// Runs a sweep's trials: each is a training run with the trial's overrides (in its own run folder), then a greedy
/// backtest of its best checkpoint on the validation split, recorded as agents/&lt;id&gt;/sweeps/&lt;name&gt;/trial-K.json.
/// Trials already recorded are not run again, so a sweep can be resumed or spread over machines (one trial each).
/// </summary>
public sealed class SweepRunner(SweepOptions options, FeatureRegistry? registry = null)
{
    private readonly FeatureRegistry _registry = registry ?? new FeatureRegistry();

    public SweepOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Directory => Path.Combine(new AgentPaths(Options.Home, Options.AgentId).SweepsDirectory, Options.Name);

    /// <summary>Runs every trial not yet recorded, <see cref="SweepOptions.Parallel"/> at a time, then writes the table.</summary>
    public async Task<IReadOnlyList<SweepTrialResult>> RunAllAsync(IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        // Build (or check) the dataset once, so parallel trials only read it.
        var run = new TrainingRun(TrialOptions(Options.Plan.Trial(0)), _registry);
        AgentConfig config = run.LoadConfig();
        using (await AgentDataset.OpenOrBuildAsync(config, _registry, Options.Home, null, cancellation).ConfigureAwait(false))
        {
        }

        using var slots = new SemaphoreSlim(Math.Max(1, Options.Parallel));
        var pending = new List<Task>();
        foreach (SweepTrial trial in Options.Plan.Trials())
        {
            if (File.Exists(ResultPath(trial.Index)))
            {
                continue;
            }

            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            pending.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await RunTrialAsync(trial.Index, progress, cancellation).ConfigureAwait(false);
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                cancellation));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        IReadOnlyList<SweepTrialResult> results = SweepTable.Collect(Directory);
        SweepTable.WriteCsv(Directory, results);
        return results;
    }

    /// <summary>Runs one trial (e.g. a pod's JOB_COMPLETION_INDEX) and records its result; the table is rewritten from all recorded trials.</summary>
    public async Task<SweepTrialResult> RunTrialAsync(int index, IProgress<SweepProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        SweepTrial trial = Options.Plan.Trial(index);
        var run = new TrainingRun(TrialOptions(trial), _registry);
        var trainingProgress = new CallerThreadProgress<TrainingProgress>(p => progress?.Report(new SweepProgress(index, p)));
        TrainingResult trained = await run.RunAsync(trainingProgress, cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();

        var backtest = new BacktestRun(new BacktestOptions
        {
            AgentId = Options.AgentId,
            ConfigPath = Options.ConfigPath,
            Home = Options.Home,
            Checkpoint = trained.BestCheckpoint ?? trained.FinalCheckpoint,
            Period = BacktestPeriod.Validation,
            ReportDirectory = Path.Combine(Directory, "reports", $"trial-{index}"),
        }, _registry);
        BacktestReportFiles report = await backtest.RunAsync(cancellation).ConfigureAwait(false);
        BacktestMetrics metrics = report.Comparison.Agent.Metrics;
        var result = new SweepTrialResult(
            index, trial.Overrides, trained.Steps, trained.MeanEpisodeReward, metrics.NetPips, metrics.Sharpe, metrics.MaxDrawdownPips,
            metrics.Trades, trained.BestCheckpoint ?? trained.FinalCheckpoint, clock.Elapsed.TotalSeconds);
        result.Write(Directory);
        SweepTable.WriteCsv(Directory, SweepTable.Collect(Directory));
        return result;
    }

    private string ResultPath(int index) => Path.Combine(Directory, $"{SweepTrialResult.FilePrefix}{index}.json");

    private TrainingRunOptions TrialOptions(SweepTrial trial) => new()
    {
        AgentId = Options.AgentId,
        ConfigPath = Options.ConfigPath,
        Home = Options.Home,
        RunName = trial.RunName(Options.Name),
        TotalTimesteps = Options.TotalTimesteps,
        Seed = Options.Seed,
        Overrides = trial.Overrides,
        CheckpointEveryUpdates = Options.CheckpointEveryUpdates,
        Environment = Options.Environment,
    };
}
