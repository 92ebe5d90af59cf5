using Microsoft.Extensions.Logging;
using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Signal.Core.Checkpoints;
using Releat.Signal.Core.Feeds;
using Releat.Signal.Core.Policy;
using Releat.SignalBus;
using Releat.Training.Runs;

namespace Releat.Signal.Core.Live;

/// <summary>
/// Everything one agent needs to trade live, from nothing: waits for its first checkpoint (saying once that it needs
/// training), builds the live features from the config that checkpoint was trained with, then follows the ticks
/// (catching up from history, reconnecting) and swaps in newer checkpoints as training writes them, until cancelled.
/// </summary>
public sealed partial class AgentSignalRunner
{
    private readonly AgentConfig _agent;
    private readonly AgentPaths _paths;
    private readonly ISignalBus _bus;
    private readonly ILiveTickFeed _live;
    private readonly ITickHistory _history;
    private readonly AgentSignalRunnerOptions _options;
    private readonly TaskCompletionSource<LiveAgentSignaller> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="agent">The agent's config (agents/&lt;id&gt;/agent.yaml).</param>
    /// <param name="home">RELEAT_HOME: agents/&lt;id&gt;/runs/... hold the checkpoints.</param>
    public AgentSignalRunner(
        AgentConfig agent, string home, ISignalBus bus, ILiveTickFeed live, ITickHistory history, AgentSignalRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(history);
        _agent = agent;
        _paths = new AgentPaths(home, agent.Id);
        _bus = bus;
        _live = live;
        _history = history;
        _options = options ?? new AgentSignalRunnerOptions();
    }

    public string AgentId => _agent.Id;

    /// <summary>Completes with the signaller once the first checkpoint is loaded.</summary>
    public Task<LiveAgentSignaller> Started => _started.Task;

    public async Task RunAsync(CancellationToken cancellation)
    {
        ILogger? logger = _options.Signaller.Logger;
        var watcher = new CheckpointWatcher(
            _paths, _options.Run, _agent, _options.Checkpoint, _options.Registry, logger, _options.Signaller.Metrics, _options.AllowUndeployable);
        if (_options.AllowUndeployable && logger is not null)
        {
            LogOverride(logger, _agent.Id);
        }

        try
        {
            AgentPolicy first = await watcher.WaitForFirstAsync(_options.CheckpointPollInterval, cancellation).ConfigureAwait(false);
            FeaturePlan plan = FeaturePlan.Compile(first.Config, _options.Registry ?? new FeatureRegistry());
            var signaller = new LiveAgentSignaller(plan, first, _bus, _options.Signaller);
            if (logger is not null)
            {
                LogStarted(logger, _agent.Id, first.CheckpointId, first.Source, plan.Layout.Width, plan.DecisionStepMs);
            }

            _started.TrySetResult(signaller);
            var feed = new AgentTickFeed(signaller, _live, _history, _options.Feed, logger);
            await Task.WhenAll(
                feed.RunAsync(cancellation),
                watcher.WatchAsync(signaller, _options.CheckpointPollInterval, cancellation)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            _started.TrySetCanceled(cancellation);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{AgentId} may trade checkpoints that did not beat flat on validation: Signal:AllowUndeployableCheckpoint is set")]
    private static partial void LogOverride(ILogger logger, string agentId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{AgentId} deciding with checkpoint {Checkpoint} ({Source}): {Columns} market columns, a decision every {StepMs} ms")]
    private static partial void LogStarted(ILogger logger, string agentId, string checkpoint, string source, int columns, long stepMs);
}
