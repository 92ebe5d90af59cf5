using System.Diagnostics;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Checksums;
using Releat.Features.Building;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Checkpoints;
using Releat.Learning.Environments;
using Releat.Learning.Logging;
using Releat.Learning.Models;
using Releat.Learning.Ppo;
using Releat.Trading;

namespace Releat.Training.Runs;

/// <summary>
/// One agent's training run, start to end: load the config (with overrides), open its dataset (building it when
/// missing), build the network the model section describes, and run PPO with the training section's
/// hyperparameters on environments over the training split. It writes TensorBoard curves and a CSV of the same
/// scalars, and checkpoints under <c>$RELEAT_HOME/agents/&lt;id&gt;/runs/&lt;run&gt;/</c>; started again it resumes the
/// latest checkpoint and continues bit for bit as if never stopped. Cancelling stops after the current update and
/// writes a final checkpoint.
/// </summary>
public sealed class TrainingRun
{
    /// <summary>The config a run trained with, overrides applied, saved in the run folder and in every checkpoint.</summary>
    public const string EffectiveConfigFile = "agent_config.yaml";

    private const int RewardWindow = 20;
    private readonly FeatureRegistry _registry;

    public TrainingRun(TrainingRunOptions options, FeatureRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Paths = new AgentPaths(options.Home, options.AgentId);
        _registry = registry ?? new FeatureRegistry();
        RunDirectory = Paths.Run(options.RunName);
    }

    public TrainingRunOptions Options { get; }

    public AgentPaths Paths { get; }

    public string RunDirectory { get; }

    /// <summary>The agent's config with the overrides applied (after <see cref="LoadConfig"/> or a run).</summary>
    public AgentConfig? Config { get; private set; }

    /// <summary>Reads agent.yaml (found by id unless a path is given) and applies the overrides; the loader validates both alike.</summary>
    public AgentConfig LoadConfig()
    {
        string path = Options.ConfigPath ?? AgentLocator.ConfigPath(Options.AgentId);
        string yaml = ConfigOverrides.Apply(File.ReadAllText(path), Options.Overrides, path);
        Config = new AgentConfigLoader(_registry).Parse(yaml, path);
        if (Options.Split is DataSplit split)
        {
            Config = WithSplit(Config, split);
        }
        if (!string.Equals(Config.Id, Options.AgentId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{path}: agent '{Config.Id}' is not '{Options.AgentId}'", nameof(Options));
        }

        EffectiveYaml = yaml;
        return Config;
    }

    internal string EffectiveYaml { get; private set; } = "";

    /// <summary>The config over other windows (a walk-forward fold): its split replaced and its data range the split's span.</summary>
    public static AgentConfig WithSplit(AgentConfig config, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(split);
        return config with { RawData = config.RawData with { Split = split, DataRange = new TimeRange(split.Train.StartMs, split.Test.EndMs) } };
    }

    public async Task<TrainingResult> RunAsync(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        progress?.Report(new TrainingProgress(TrainingStage.LoadingConfig, 0, 0, 0, double.NaN, null, null));
        AgentConfig config = LoadConfig();
        var building = new Progress<BuildProgress>(b => progress?.Report(new TrainingProgress(TrainingStage.BuildingDataset, 0, 0, 0, double.NaN, null, null, Build: b)));
        using IDataset dataset = await AgentDataset.OpenOrBuildAsync(config, _registry, Options.Home, building, cancellation, Options.DatasetHome).ConfigureAwait(false);
        return await OnTrainingThread(() => Train(config, dataset, progress, cancellation)).ConfigureAwait(false);
    }

    /// <summary>
    /// Trains on a foreground thread of its own: if the host gives up waiting after Ctrl+C (a CLI's termination
    /// timeout), the process still lives until the final checkpoint is written.
    /// </summary>
    private static Task<TrainingResult> OnTrainingThread(Func<TrainingResult> train)
    {
        var completion = new TaskCompletionSource<TrainingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(train());
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = false,
            Name = "releat training",
        };
        thread.Start();
        return completion.Task;
    }

    private TrainingResult Train(AgentConfig config, IDataset dataset, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();

        // One run folder, one trainer: its checkpoints, curves and state are written by this run only.
        using var writer = WriterLock.ForFile(RunDirectory);
        if (Options.Restart && Directory.Exists(RunDirectory))
        {
            Directory.Delete(RunDirectory, recursive: true);
        }

        var tape = new DecisionTape(dataset, PositionRules.For(config));
        var checkpoints = new RunCheckpoints(this, config, tape);
        string? resumeFrom = CheckpointCatalog.Latest(checkpoints.Directory);
        PpoConfig ppo = config.Training with
        {
            TotalTimesteps = Options.TotalTimesteps ?? config.Training.TotalTimesteps,
            Seed = Options.Seed ?? config.Training.Seed,
            GradientWorkers = Options.GradientWorkers ?? config.Training.GradientWorkers,
        };
        RunState? resumed = null;
        if (resumeFrom is not null)
        {
            resumed = checkpoints.CheckResumable(resumeFrom);
            PpoConfig saved = PpoCheckpoint.LoadConfig(resumeFrom);
            if (Options.Seed is ulong seed && seed != saved.Seed)
            {
                throw new InvalidOperationException($"{RunDirectory} was started with seed {saved.Seed}, not {seed}: restart it or name another run");
            }

            // The saved settings continue the run bit for bit, including its gradient worker count (each worker's
            // network replica has a random stream in the checkpoint); only the step budget may change.
            ppo = saved with { TotalTimesteps = Options.TotalTimesteps ?? saved.TotalTimesteps };
        }

        // A checkpoint is saved (and judged) every CheckpointEveryUpdates iterations before the last, and at the last.
        checkpoints.Judgements = ((Math.Max(1, ppo.NumIterations) - 1) / Math.Max(1, Options.CheckpointEveryUpdates)) + 1;
        Range trainRows = tape.RowsIn(config.RawData.Split.Train);
        var curriculum = new Curriculum(config.Environment.Curriculum, config.Environment.EpisodeLength, Options.CurriculumRewardThreshold);
        // A resumed run keeps the network its checkpoint was trained with; a config that now describes another is refused.
        TradingAgentSpec spec = resumeFrom is null ? AgentModel.SpecFor(config, dataset.Metadata) : AgentModel.SpecToResume(config, dataset.Metadata, resumeFrom);
        using var envs = new VectorEnv([.. Enumerable.Range(0, ppo.NumEnvs).Select(_ =>
            (IEnvironment)new TradingEnvironment(tape, config.Environment.Reward, trainRows, curriculum, Options.Environment))]);
        var network = new TradingAgentNetwork<float>(spec, Math.Max(ppo.MinibatchSize, ppo.NumEnvs), ppo.Seed);
        using var tensorBoard = new TensorBoardWriter(RunDirectory);
        using var csv = new CsvScalarWriter(Path.Combine(RunDirectory, "scalars.csv"), append: resumeFrom is not null);
        var logger = new FanOutScalarLogger(tensorBoard, csv);
        using var trainer = new PpoTrainer(ppo, envs, network, logger);
        if (resumeFrom is not null)
        {
            PpoCheckpoint.Restore(trainer, resumeFrom);
            curriculum.Restore(resumed!.EpisodeLength);
            checkpoints.RestoreBest(resumed);
        }

        File.WriteAllText(Path.Combine(RunDirectory, EffectiveConfigFile), EffectiveYaml);
        string recorded = Options.Split is DataSplit split
            ? $"{EffectiveYaml}\n# run with raw_data.split replaced: train {split.Train}, validation {split.Validation}, test {split.Test}\n"
            : EffectiveYaml;
        RunRecord.Create("train", config, recorded, Options.Home, [ppo.Seed], _registry).Write(RunDirectory);
        long totalSteps = (long)ppo.NumIterations * ppo.BatchSize;
        long sessionStartSteps = trainer.GlobalStep;
        var session = Stopwatch.StartNew();
        string? latest = resumeFrom;
        int sinceCheckpoint = 0;
        while (!trainer.IsFinished && !cancellation.IsCancellationRequested)
        {
            PpoUpdateReport report = trainer.RunIteration();
            double meanReward = trainer.RecentReturns.MeanOfLast(RewardWindow);
            curriculum.OnUpdate(trainer.Iteration, meanReward);
            logger.Log("charts/mean_episodic_return_20", meanReward, trainer.GlobalStep);
            logger.Log("charts/curriculum_episode_length", curriculum.EpisodeLength, trainer.GlobalStep);
            if (++sinceCheckpoint >= Options.CheckpointEveryUpdates && !trainer.IsFinished)
            {
                latest = checkpoints.Save(trainer, spec, curriculum);
                sinceCheckpoint = 0;
            }

            double stepsPerSecond = (trainer.GlobalStep - sessionStartSteps) / Math.Max(1e-9, session.Elapsed.TotalSeconds);
            TimeSpan? left = stepsPerSecond > 0 ? TimeSpan.FromSeconds((totalSteps - trainer.GlobalStep) / stepsPerSecond) : null;
            progress?.Report(new TrainingProgress(TrainingStage.Training, trainer.GlobalStep, totalSteps, stepsPerSecond, meanReward, left, latest, report));
        }

        latest = checkpoints.Save(trainer, spec, curriculum);
        logger.Flush();
        TrainingStage stage = trainer.IsFinished ? TrainingStage.Completed : TrainingStage.Stopped;
        double finalReward = trainer.RecentReturns.MeanOfLast(RewardWindow);
        progress?.Report(new TrainingProgress(stage, trainer.GlobalStep, totalSteps, 0, finalReward, TimeSpan.Zero, latest));
        return new TrainingResult(
            config.Id, RunDirectory, stage, trainer.GlobalStep, totalSteps, finalReward, latest,
            checkpoints.BestDirectory, checkpoints.BestNetPips, checkpoints.Deployment, clock.Elapsed);
    }
}
