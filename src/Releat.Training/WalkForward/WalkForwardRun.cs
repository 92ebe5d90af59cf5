using System.Security.Cryptography;
using System.Text;
using Releat.Agents.Config;
using Releat.Checksums;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Trading;
using Releat.Training.Evaluation;
using Releat.Training.Leakage;
using Releat.Training.Runs;

namespace Releat.Training.WalkForward;

/// <summary>
/// `releat evaluate`: K folds rolling forward over the agent's data range, S training seeds each. Every fold gets a
/// dataset of its own whose transforms are fitted on the fold's training window only, checked for leakage before any
/// training reads it; every fold × seed is a training run (checkpoints judged on the fold's validation window by the
/// deploy rule) and then the agent and the baselines walked over the fold's test window under the same execution rules, fills and costs. Folds × seeds run in parallel
/// and each is saved with a checksum when done, so an interrupted evaluation resumes where it stopped. The summary
/// combines them (<see cref="WalkForwardSummary"/>) and is written as JSON and an HTML report.
/// </summary>
public sealed class WalkForwardRun(WalkForwardOptions options, FeatureRegistry? registry = null)
{
    public const string SummaryFile = "summary.json";
    public const string ReportFile = "report.html";
    private const string PlanFile = "plan.txt";
    private readonly FeatureRegistry _registry = registry ?? new FeatureRegistry();

    public WalkForwardOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public AgentPaths Paths => new(Options.Home, Options.AgentId);

    /// <summary>agents/&lt;id&gt;/evaluations/&lt;name&gt;.</summary>
    public string Directory => System.IO.Path.Combine(Paths.AgentDirectory, "evaluations", Options.Name);

    private string UnitsDirectory => System.IO.Path.Combine(Directory, "units");

    private string RunPrefix => $"evaluate-{Options.Name}";

    public async Task<WalkForwardFiles> RunAsync(IProgress<WalkForwardProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Seeds, 1, nameof(Options.Seeds));
        AgentConfig config = BaseRun().LoadConfig();
        IReadOnlyList<WalkForwardFold> folds = WalkForwardFold.Plan(config.RawData.DataRange, Options.Folds, Options.TrainSegments);
        System.IO.Directory.CreateDirectory(Directory);

        // One evaluation folder, one writer: its saved folds × seeds, datasets and runs are this process's.
        using var writer = WriterLock.ForFolder(Directory);
        if (Options.Restart)
        {
            Forget();
        }

        CheckSamePlan(config, folds);
        RunRecord.Create("evaluate", config, File.ReadAllText(config.SourceFile), Options.Home, Options.SeedList, _registry).Write(Directory);
        var leakage = new List<FoldLeakage>(folds.Count);
        foreach (WalkForwardFold fold in folds)
        {
            // Each fold's dataset is built (one at a time, so parallel trainings only read them) and checked for
            // leakage before anything trains on it: its transforms must be its own training window's alone.
            LeakageAuditResult audit = await LeakageAudit.RunAsync(
                TrainingRun.WithSplit(config, fold.Split), _registry, Options.Home, LeakageAudit.DefaultSamples, Options.FirstSeed,
                cancellation: cancellation, datasetRoot: FoldStore(fold)).ConfigureAwait(false);
            leakage.Add(FoldLeakage.Of(fold.Number, audit));
        }

        var units = folds.SelectMany(f => Options.SeedList.Select(s => (Fold: f, Seed: s))).ToList();
        var outcomes = new UnitOutcome?[units.Count];
        int done = 0;
        for (int i = 0; i < units.Count; i++)
        {
            outcomes[i] = UnitOutcome.TryRead(UnitsDirectory, units[i].Fold.Number, units[i].Seed);
            done += outcomes[i] is null ? 0 : 1;
        }

        // Share of each fold × seed's training done, for a progress bar that moves while they train.
        double[] shares = [.. outcomes.Select(o => o is null ? 0.0 : 1.0)];
        var gate = new Lock();
        void Report(int index, double share, string latest)
        {
            lock (gate)
            {
                shares[index] = share;
                progress?.Report(new WalkForwardProgress(Volatile.Read(ref done), units.Count, shares.Sum() / units.Count, latest));
            }
        }

        progress?.Report(new WalkForwardProgress(done, units.Count, (double)done / units.Count, done > 0 ? $"{done} resumed" : "started"));
        using var slots = new SemaphoreSlim(Math.Clamp(Options.Parallel, 1, Math.Max(1, Environment.ProcessorCount)));
        var pending = new List<Task>();
        for (int i = 0; i < units.Count; i++)
        {
            if (outcomes[i] is not null)
            {
                continue;
            }

            int index = i;
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellation.IsCancellationRequested)
            {
                // Those already started stop after their current update (saving a checkpoint to resume from).
                slots.Release();
                break;
            }

            pending.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        (WalkForwardFold fold, ulong seed) = units[index];
                        var training = new CallerThreadProgress<TrainingProgress>(p =>
                        {
                            if (p.TotalSteps > 0)
                            {
                                Report(index, 0.99 * p.Steps / p.TotalSteps, $"fold {fold.Number} seed {seed} training");
                            }
                        });
                        UnitOutcome outcome = await RunUnitAsync(config, fold, seed, training, cancellation).ConfigureAwait(false);
                        outcome.Write(UnitsDirectory);
                        outcomes[index] = outcome;
                        Interlocked.Increment(ref done);
                        Report(index, 1, $"fold {fold.Number} seed {seed} done");
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        IReadOnlyList<UnitOutcome> finishedUnits = [.. outcomes.Select(o => o!)];
        SweepOverfitting? sweep = Options.Sweep is { } name
            ? await SweepOverfitting.MeasureAsync(config, Paths, name, _registry, cancellation).ConfigureAwait(false)
            : null;
        WalkForwardSummary summary = WalkForwardSummary.Combine(config, Options, folds, finishedUnits, leakage, sweep);
        string json = System.IO.Path.Combine(Directory, SummaryFile);
        string html = System.IO.Path.Combine(Directory, ReportFile);
        File.WriteAllText(json, summary.ToJson());
        File.WriteAllText(html, WalkForwardReport.Render(summary, folds, finishedUnits));
        return new WalkForwardFiles(summary, json, html);
    }

    private async Task<UnitOutcome> RunUnitAsync(
        AgentConfig config, WalkForwardFold fold, ulong seed, IProgress<TrainingProgress> progress, CancellationToken cancellation)
    {
        var run = new TrainingRun(BaseOptions() with
        {
            RunName = $"{RunPrefix}/fold-{fold.Number}-seed-{seed}",
            TotalTimesteps = Options.TotalTimesteps,
            Seed = seed,
            Split = fold.Split,
            DatasetHome = FoldStore(fold),
            CheckpointEveryUpdates = Options.CheckpointEveryUpdates,
            Environment = Options.Environment,
        }, _registry);
        TrainingResult trained = await run.RunAsync(progress, cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();

        AgentConfig foldConfig = TrainingRun.WithSplit(config, fold.Split);
        using IDataset dataset = await OpenFoldDatasetAsync(config, fold, cancellation).ConfigureAwait(false);
        var tape = new DecisionTape(dataset, PositionRules.For(foldConfig));
        Range rows = tape.RowsIn(fold.Split.Test);
        string chosen = trained.BestCheckpoint ?? trained.FinalCheckpoint;
        DeploymentVerdict verdict = CheckpointCatalog.VerdictOf(chosen);
        bool deployable = trained.BestCheckpoint is not null && verdict.Deployable;
        RewardConfig reward = foldConfig.Environment.Reward;

        BacktestResult Walk(ITradingPolicy policy) => Backtest.Run(tape, reward, rows, policy, fillSeed: seed);
        BacktestResult ungated = Walk(new NetworkPolicy(AgentModel.LoadNetwork(chosen), WalkForwardSummary.UngatedPolicy));
        BacktestResult[] baselines = [.. Baselines.For(foldConfig, seed).Select(Walk)];
        BacktestResult flat = baselines.Single(b => b.Policy == "flat");
        // What would trade live: the chosen checkpoint when the deploy rule passed it, otherwise nothing at all.
        BacktestResult agent = (deployable ? ungated : flat) with { Policy = WalkForwardSummary.AgentPolicy };
        BacktestResult[] results = [agent, ungated, .. baselines];
        return new UnitOutcome(
            fold.Number, seed, trained.Steps, CheckpointCatalog.IdOf(Paths, chosen), deployable, verdict.Reason, agent.Times,
            [.. results.Select(r => TradingCosts.Measure(r, tape, rows))]);
    }

    private Task<IDataset> OpenFoldDatasetAsync(AgentConfig config, WalkForwardFold fold, CancellationToken cancellation) =>
        AgentDataset.OpenOrBuildAsync(TrainingRun.WithSplit(config, fold.Split), _registry, Options.Home, null, cancellation, FoldStore(fold));

    private string FoldStore(WalkForwardFold fold) => System.IO.Path.Combine(Directory, "datasets", $"fold-{fold.Number}");

    private TrainingRunOptions BaseOptions() => new() { AgentId = Options.AgentId, ConfigPath = Options.ConfigPath, Home = Options.Home };

    private TrainingRun BaseRun() => new(BaseOptions(), _registry);

    /// <summary>
    /// Refuses to resume folds × seeds saved under another plan (config, windows, seeds or steps): mixing them would
    /// combine results of different experiments. The plan is saved on the first start.
    /// </summary>
    private void CheckSamePlan(AgentConfig config, IReadOnlyList<WalkForwardFold> folds)
    {
        string configText = File.ReadAllText(config.SourceFile);
        var plan = new StringBuilder()
            .AppendLine($"agent {Options.AgentId}")
            .AppendLine($"config sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configText)))}")
            .AppendLine($"steps {Options.TotalTimesteps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "config"}")
            .AppendLine($"seeds {string.Join(',', Options.SeedList)}");
        foreach (WalkForwardFold fold in folds)
        {
            plan.AppendLine($"fold {fold.Number} train {fold.Split.Train} validation {fold.Split.Validation} test {fold.Split.Test}");
        }

        string path = System.IO.Path.Combine(Directory, PlanFile);
        string? saved = ChecksummedFile.TryRead(path, out _);
        if (saved is not null && !string.Equals(saved, plan.ToString(), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{Directory} holds an evaluation of another plan ({path}); pass --restart to replace it or --name to keep both");
        }

        ChecksummedFile.Write(path, plan.ToString());
    }

    private void Forget()
    {
        foreach (string folder in new[] { UnitsDirectory, System.IO.Path.Combine(Directory, "datasets"), Paths.Run(RunPrefix) })
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }

        File.Delete(System.IO.Path.Combine(Directory, PlanFile));
    }
}
