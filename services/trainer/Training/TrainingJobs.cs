using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Trading;
using Releat.Training.Runs;
using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Training;

/// <summary>
/// Training runs in the background, one per agent at a time, each over the same <see cref="TrainingRun"/> the CLI
/// uses (so it resumes the agent's latest checkpoint unless restarted). When the service stops, every run is asked to
/// stop and gets the time the host allows to write its final checkpoint.
/// </summary>
public sealed partial class TrainingJobs(
    IOptions<TrainerOptions> options, FeatureRegistry registry, TrainingMetrics metrics, ILogger<TrainingJobs> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, TrainingJob> _byRunId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrainingJob> _activeByAgent = new(StringComparer.Ordinal);
    private readonly Lock _starting = new();

    public string DataRoot { get; } = options.Value.ResolveDataRoot();

    public bool TryGet(string runId, out TrainingJob job) => _byRunId.TryGetValue(runId, out job!);

    /// <summary>
    /// Checks the agent's config (with the overrides) and starts a run; throws <see cref="TrainingAlreadyRunningException"/>
    /// when the agent is training, or the loader's exception when the config cannot be used.
    /// </summary>
    public TrainingJob Start(string agentId, long totalSteps, bool restart, IReadOnlyDictionary<string, string> overrides, ulong seed)
    {
        var run = new TrainingRun(
            new TrainingRunOptions
            {
                AgentId = agentId,
                Home = DataRoot,
                TotalTimesteps = totalSteps > 0 ? totalSteps : null,
                Seed = seed > 0 ? seed : null,
                Restart = restart,
                Overrides = overrides,
                GradientWorkers = options.Value.GradientWorkers,
                CheckpointEveryUpdates = options.Value.CheckpointEveryUpdates,
                Environment = new TradingEnvironmentOptions { MarkToMarketReward = options.Value.MarkToMarketReward },
            },
            registry);
        run.LoadConfig();
        lock (_starting)
        {
            if (_activeByAgent.TryGetValue(agentId, out TrainingJob? active) && !active.IsFinished)
            {
                throw new TrainingAlreadyRunningException(agentId, active.RunId);
            }

            DateTime started = DateTime.UtcNow;
            var job = new TrainingJob($"{agentId}/{run.Options.RunName}/{started.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}", agentId, started);
            _byRunId[job.RunId] = job;
            _activeByAgent[agentId] = job;
            job.Completion = Task.Run(() => RunAsync(job, run));
            return job;
        }
    }

    /// <summary>Every checkpoint of the agent's runs, newest first.</summary>
    public IReadOnlyList<CheckpointInfo> Checkpoints(string agentId) => CheckpointCatalog.ForAgent(new AgentPaths(DataRoot, agentId));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        TrainingJob[] active = [.. _activeByAgent.Values.Where(j => !j.IsFinished)];
        foreach (TrainingJob job in active)
        {
            await job.Stopping.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(active.Select(j => j.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(TrainingJob job, TrainingRun run)
    {
        var paths = new AgentPaths(DataRoot, job.AgentId);
        try
        {
            var progress = new InlineProgress(p =>
            {
                metrics.Observe(job.AgentId, p);
                job.Report(Map(job, paths, p));
            });
            TrainingResult result = await run.RunAsync(progress, job.Stopping.Token).ConfigureAwait(false);
            metrics.RunFinished(job.AgentId, result.Stage == TrainingStage.Completed ? "completed" : "stopped");
            LogFinished(logger, job.AgentId, result.Stage, result.Steps);
        }
        catch (OperationCanceledException)
        {
            metrics.RunFinished(job.AgentId, "stopped");
            job.Report(new V1.TrainingProgress { RunId = job.RunId, State = V1.TrainingState.Stopped, Updated = Now() });
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or ArgumentException
            or NotSupportedException or DatasetFormatException or Agents.Loading.AgentConfigException)
        {
            LogFailed(logger, job.AgentId, e.Message);
            metrics.RunFinished(job.AgentId, "failed");
            job.Report(new V1.TrainingProgress { RunId = job.RunId, State = V1.TrainingState.Failed, Updated = Now() }, e.Message);
        }
    }

    private static V1.TrainingProgress Map(TrainingJob job, AgentPaths paths, TrainingProgress p) => new()
    {
        RunId = job.RunId,
        State = p.Stage switch
        {
            TrainingStage.Training => V1.TrainingState.Running,
            TrainingStage.Completed => V1.TrainingState.Completed,
            TrainingStage.Stopped => V1.TrainingState.Stopped,
            _ => V1.TrainingState.Starting,
        },
        Steps = p.Steps,
        TotalSteps = p.TotalSteps,
        StepsPerSecond = p.StepsPerSecond,
        MeanEpisodeReward = double.IsFinite(p.MeanEpisodeReward) ? p.MeanEpisodeReward : 0,
        PolicyLoss = p.Update?.PolicyLoss ?? 0,
        ValueLoss = p.Update?.ValueLoss ?? 0,
        Entropy = p.Update?.Entropy ?? 0,
        ApproxKl = p.Update?.ApproxKl ?? 0,
        SecondsLeft = p.TimeLeft?.TotalSeconds ?? 0,
        LatestCheckpointId = p.LatestCheckpoint is null ? "" : CheckpointId(paths, p.LatestCheckpoint),
        Updated = Now(),
    };

    /// <summary>"run/step-…", the id ListCheckpoints gives the same checkpoint.</summary>
    internal static string CheckpointId(AgentPaths paths, string checkpoint) =>
        Path.GetRelativePath(paths.RunsDirectory, checkpoint).Replace(Path.DirectorySeparatorChar, '/').Replace("/checkpoints/", "/", StringComparison.Ordinal);

    private static Timestamp Now() => Timestamp.FromDateTime(DateTime.UtcNow);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training of {Agent} {Stage} at {Steps} steps")]
    private static partial void LogFinished(ILogger logger, string agent, TrainingStage stage, long steps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training of {Agent} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string agent, string reason);

    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
