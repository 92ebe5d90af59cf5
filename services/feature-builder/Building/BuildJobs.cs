using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using Releat.Agents.Config;
using Releat.Features.Building;
using Releat.Features.Registry;
using Releat.Features.Store;
using V1 = Releat.Contracts.V1;

namespace Releat.FeatureBuilder.Building;

/// <summary>
/// Runs dataset builds in the background, one per agent at a time: asking again while an agent's build runs
/// attaches to it instead of starting a second one. Builds stop when the service shuts down.
/// </summary>
public sealed partial class BuildJobs(
    IOptions<FeatureBuilderOptions> options, FeatureRegistry registry, BuildMetrics metrics, IHostApplicationLifetime lifetime, ILogger<BuildJobs> logger)
{
    private readonly ConcurrentDictionary<string, BuildJob> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BuildJob> _runningByAgent = new(StringComparer.Ordinal);
    private readonly string _dataRoot = options.Value.ResolveDataRoot();

    public string DataRoot => _dataRoot;

    public bool TryGet(string jobId, out BuildJob job) => _byId.TryGetValue(jobId, out job!);

    public BuildJob StartOrAttach(AgentConfig config, bool force)
    {
        var started = new BuildJob($"{config.Id}-{DateTime.UtcNow:yyyyMMddHHmmssfff}", config.Id);
        var job = _runningByAgent.GetOrAdd(config.Id, started);
        if (!ReferenceEquals(job, started))
        {
            return job;
        }

        _byId[job.JobId] = job;
        _ = Task.Run(() => RunAsync(job, config, force));
        return job;
    }

    private async Task RunAsync(BuildJob job, AgentConfig config, bool force)
    {
        var store = new FileFeatureStore(_dataRoot);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        string result = "failed";
        long rows = 0;
        V1.BuildProgress? final = null;
        metrics.Started();
        try
        {
            if (!force && store.HasDataset(config.Id))
            {
                final = Progress(job, V1.JobState.Succeeded, "existing dataset kept (force to rebuild)", path: Path.Combine(_dataRoot, "datasets", config.Id));
                result = "kept";
                return;
            }

            job.Report(Progress(job, V1.JobState.Running, "reading ticks"));
            var builder = new TrainDataBuilder(registry, store);
            var progress = new InlineProgress(p => job.Report(Progress(job, V1.JobState.Running, p.StageText, p)));
            var built = await builder.BuildFromStoreAsync(config, _dataRoot, progress, lifetime.ApplicationStopping).ConfigureAwait(false);
            final = Progress(job, V1.JobState.Succeeded, "done", path: built.Location ?? built.DatasetName, rows: built.Metadata.Rows);
            LogBuilt(logger, config.Id, built.Metadata.Rows);
            (result, rows) = ("succeeded", built.Metadata.Rows);
        }
        catch (OperationCanceledException)
        {
            final = Progress(job, V1.JobState.Cancelled, "cancelled: the service is stopping");
            result = "cancelled";
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or DatasetFormatException or ArgumentException)
        {
            LogFailed(logger, config.Id, e.Message);
            final = Progress(job, V1.JobState.Failed, "failed", error: e.Message);
        }
        finally
        {
            metrics.Finished(config.Id, result, System.Diagnostics.Stopwatch.GetElapsedTime(started), rows);
            _runningByAgent.TryRemove(new KeyValuePair<string, BuildJob>(config.Id, job));

            // The final state goes out last: a caller that sees it and asks again must start a new job, not be
            // attached to this finished one (which answered a second request with this build's "done" instead of
            // "existing dataset kept", seen under stress).
            if (final is not null)
            {
                job.Report(final);
            }
        }
    }

    private static V1.BuildProgress Progress(
        BuildJob job, V1.JobState state, string stage, BuildProgress? progress = null, string? path = null, string? error = null, long rows = 0) => new()
    {
        JobId = job.JobId,
        AgentId = job.AgentId,
        State = state,
        Stage = stage,
        TicksProcessed = progress?.TicksProcessed ?? 0,
        TicksTotal = progress?.TicksTotal ?? 0,
        ObservationsWritten = progress?.ObservationsWritten ?? rows,
        DatasetPath = path ?? string.Empty,
        Error = error ?? string.Empty,
        Updated = Timestamp.FromDateTime(DateTime.UtcNow),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset of {Agent} built: {Rows} decisions")]
    private static partial void LogBuilt(ILogger logger, string agent, long rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset build of {Agent} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string agent, string reason);

    private sealed class InlineProgress(Action<BuildProgress> report) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => report(value);
    }
}
