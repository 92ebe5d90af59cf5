using Microsoft.Extensions.Logging;
using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Policy;
using Releat.Signal.Core.Telemetry;
using Releat.Training.Runs;

namespace Releat.Signal.Core.Checkpoints;

/// <summary>
/// Watches one agent's run folder for the checkpoint to trade with: the run's best on validation when the agent's
/// deploy rule lets it trade (<see cref="CheckpointCatalog.Deployable"/>), or one fixed folder that passed the rule.
/// Until there is one the agent stays flat and the watcher says why; an explicit override trades the run's best, else
/// its latest, whatever their verdict. It polls (file-system events are unreliable on
/// mounted volumes); a checkpoint counts once its run_state.json exists (written last). A changed one is loaded
/// fully off the decision thread and checked (agent, symbol, network against dataset, features against the live
/// plan) before it is swapped in; one that fails is logged and counted, the old policy keeps deciding, and it is
/// tried again only once its run_state.json changes.
/// </summary>
public sealed partial class CheckpointWatcher
{
    private readonly AgentPaths _paths;
    private readonly string _run;
    private readonly string? _fixedCheckpoint;
    private readonly AgentConfig _agent;
    private readonly FeatureRegistry _registry;
    private readonly ILogger? _logger;
    private readonly SignalMetrics? _metrics;
    private readonly bool _allowUndeployable;
    private string? _toldWhy;
    private CheckpointStamp? _loaded;
    private CheckpointStamp? _failed;

    /// <param name="paths">The agent's folders under RELEAT_HOME.</param>
    /// <param name="run">The run whose checkpoints to watch ("main").</param>
    /// <param name="agent">The agent's own config (agents/&lt;id&gt;/agent.yaml): checkpoints must be of this agent and
    /// symbol, and it stands in for a checkpoint without its effective config.</param>
    /// <param name="fixedCheckpoint">A checkpoint folder to use instead of the run's preferred one.</param>
    /// <param name="allowUndeployable">Trade checkpoints the deploy rule refuses (an operator's explicit override).</param>
    public CheckpointWatcher(
        AgentPaths paths, string run, AgentConfig agent, string? fixedCheckpoint = null, FeatureRegistry? registry = null,
        ILogger? logger = null, SignalMetrics? metrics = null, bool allowUndeployable = false)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(run);
        ArgumentNullException.ThrowIfNull(agent);
        if (!string.Equals(paths.AgentId, agent.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{agent.SourceFile}: agent '{agent.Id}' watched under the folders of '{paths.AgentId}'", nameof(agent));
        }

        _paths = paths;
        _run = run;
        _agent = agent;
        _fixedCheckpoint = fixedCheckpoint is { Length: > 0 } ? Path.GetFullPath(fixedCheckpoint) : null;
        _registry = registry ?? new FeatureRegistry();
        _logger = logger;
        _metrics = metrics;
        _allowUndeployable = allowUndeployable;
    }

    /// <summary>Where checkpoints are looked for (for messages).</summary>
    public string WatchedPath => _fixedCheckpoint ?? _paths.Checkpoints(_run);

    /// <summary>The complete checkpoint folder to trade with now, or null when there is none the deploy rule allows.</summary>
    public string? Locate()
    {
        if (_fixedCheckpoint is not null)
        {
            return File.Exists(Path.Combine(_fixedCheckpoint, RunState.FileName))
                && (_allowUndeployable || CheckpointCatalog.VerdictOf(_fixedCheckpoint).Deployable) ? _fixedCheckpoint : null;
        }

        return _allowUndeployable ? CheckpointCatalog.Preferred(_paths, _run) : CheckpointCatalog.Deployable(_paths, _run);
    }

    /// <summary>Why nothing is traded now (no checkpoint, or none that beat flat on validation); null when one is.</summary>
    public string? WhyFlat()
    {
        if (Locate() is not null)
        {
            return null;
        }

        return _fixedCheckpoint is not null
            ? File.Exists(Path.Combine(_fixedCheckpoint, RunState.FileName))
                ? $"{_fixedCheckpoint}: {CheckpointCatalog.VerdictOf(_fixedCheckpoint).Reason}"
                : $"no checkpoint at {_fixedCheckpoint} yet"
            : CheckpointCatalog.WhyNotDeployable(_paths, _run);
    }

    /// <summary>
    /// Loads the checkpoint to trade with when it differs from the one loaded last (and from the last that failed);
    /// null when there is nothing new or it failed (logged). With a plan, the checkpoint must fit it.
    /// </summary>
    public AgentPolicy? TryLoadChanged(FeaturePlan? plan = null)
    {
        string? directory = Locate();
        if (directory is null || CheckpointStamp.Read(directory) is not { } stamp || stamp == _loaded || stamp == _failed)
        {
            return null;
        }

        string id = CheckpointCatalog.IdOf(_paths, directory);
        try
        {
            AgentPolicy policy = AgentPolicy.Load(directory, id, _paths.Home, _agent, _registry);
            CheckAgent(policy);
            if (plan is not null)
            {
                policy.CheckFits(plan);
            }

            _loaded = stamp;
            return policy;
        }
#pragma warning disable CA1031 // Any broken checkpoint (missing file, bad tensors, bad YAML, other layout) is refused the same way.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _failed = stamp;
            _metrics?.CheckpointFailed(_agent.Id);
            if (_logger is not null)
            {
                LogRefused(_logger, _agent.Id, id, directory, e.Message);
            }

            return null;
        }
    }

    /// <summary>
    /// Waits for the first usable checkpoint, polling, while the agent stays flat; says clearly why (it needs
    /// training, or no checkpoint beat flat on validation), once for each new reason.
    /// </summary>
    public async Task<AgentPolicy> WaitForFirstAsync(TimeSpan interval, CancellationToken cancellation)
    {
        while (true)
        {
            if (await Task.Run(() => TryLoadChanged(), cancellation).ConfigureAwait(false) is { } policy)
            {
                _metrics?.Deployable(_agent.Id, true);
                return policy;
            }

            TellWhyFlat();
            await Task.Delay(interval, cancellation).ConfigureAwait(false);
        }
    }

    private void TellWhyFlat()
    {
        if (WhyFlat() is not { } why || string.Equals(why, _toldWhy, StringComparison.Ordinal))
        {
            return;
        }

        _toldWhy = why;
        _metrics?.Deployable(_agent.Id, false);
        if (_logger is null)
        {
            return;
        }

        if (CheckpointCatalog.Preferred(_paths, _run) is null && _fixedCheckpoint is null)
        {
            LogNoCheckpoint(_logger, _agent.Id, WatchedPath, $"releat train {_agent.Id}");
        }
        else
        {
            LogNotDeployable(_logger, _agent.Id, why, _agent.SourceFile);
        }
    }

    /// <summary>Polls until cancelled, swapping each new checkpoint into the signaller (loaded on a pool thread).</summary>
    public async Task WatchAsync(LiveAgentSignaller signaller, TimeSpan interval, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(signaller);
        _loaded ??= CheckpointStamp.Read(signaller.Policy.Source);
        while (!cancellation.IsCancellationRequested)
        {
            AgentPolicy? next;
            try
            {
                await Task.Delay(interval, cancellation).ConfigureAwait(false);
                next = await Task.Run(() => TryLoadChanged(signaller.Plan), cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Stopped between two polls, or before the load was scheduled: nothing half done.
                return;
            }

            if (next is not null)
            {
                signaller.SwapPolicy(next);
            }
        }
    }

    private void CheckAgent(AgentPolicy policy)
    {
        RunState state = RunState.Read(policy.Source);
        if (!string.Equals(state.AgentId, _agent.Id, StringComparison.Ordinal) || !string.Equals(policy.AgentId, _agent.Id, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{policy.Source}: a checkpoint of agent '{state.AgentId}' ({policy.AgentId}'s config), not of '{_agent.Id}'");
        }

        if (!string.Equals(policy.Config.TradedSymbol, _agent.TradedSymbol, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{policy.Source}: trades {policy.Config.TradedSymbol}; {_agent.SourceFile} trades {_agent.TradedSymbol}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "no checkpoint for {AgentId} under {Path}; train it: {TrainCommand}")]
    private static partial void LogNoCheckpoint(ILogger logger, string agentId, string path, string trainCommand);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{AgentId} stays flat: no checkpoint may trade live ({Why}); a checkpoint trades only when it beats flat on validation by the deploy section's margin ({ConfigFile}); Signal:AllowUndeployableCheckpoint=true trades it anyway")]
    private static partial void LogNotDeployable(ILogger logger, string agentId, string why, string configFile);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpoint {Checkpoint} of {AgentId} refused, the current policy keeps deciding ({Path}): {Problem}")]
    private static partial void LogRefused(ILogger logger, string agentId, string checkpoint, string path, string problem);
}
