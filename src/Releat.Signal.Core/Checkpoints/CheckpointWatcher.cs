using Microsoft.Extensions.Logging;
using Releat.Agents;
using Releat.Features;
using Releat.Training;

namespace Releat.Signal.Core;

/// <summary>
/// Watches one agent's run folder for the checkpoint to trade with: the run's best on validation, else its latest
/// (<see cref="CheckpointCatalog.Preferred"/>), or one fixed folder. It polls (file-system events are unreliable on
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
    private CheckpointStamp? _loaded;
    private CheckpointStamp? _failed;

    /// <param name="paths">The agent's folders under RELEAT_HOME.</param>
    /// <param name="run">The run whose checkpoints to watch ("main").</param>
    /// <param name="agent">The agent's own config (agents/&lt;id&gt;/agent.yaml): checkpoints must be of this agent and
    /// symbol, and it stands in for a checkpoint without its effective config.</param>
    /// <param name="fixedCheckpoint">A checkpoint folder to use instead of the run's preferred one.</param>
    public CheckpointWatcher(
        AgentPaths paths, string run, AgentConfig agent, string? fixedCheckpoint = null, FeatureRegistry? registry = null,
        ILogger? logger = null, SignalMetrics? metrics = null)
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
    }

    /// <summary>Where checkpoints are looked for (for messages).</summary>
    public string WatchedPath => _fixedCheckpoint ?? _paths.Checkpoints(_run);

    /// <summary>The complete checkpoint folder to trade with now, or null when there is none yet.</summary>
    public string? Locate() =>
        _fixedCheckpoint is not null
            ? File.Exists(Path.Combine(_fixedCheckpoint, RunState.FileName)) ? _fixedCheckpoint : null
            : CheckpointCatalog.Preferred(_paths, _run);

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
    /// Waits for the first usable checkpoint, polling; says once, clearly, that the agent needs training while there
    /// is none.
    /// </summary>
    public async Task<AgentPolicy> WaitForFirstAsync(TimeSpan interval, CancellationToken cancellation)
    {
        bool told = false;
        while (true)
        {
            if (await Task.Run(() => TryLoadChanged(), cancellation).ConfigureAwait(false) is { } policy)
            {
                return policy;
            }

            if (!told && Locate() is null && _logger is not null)
            {
                LogNoCheckpoint(_logger, _agent.Id, WatchedPath, $"releat train {_agent.Id}");
                told = true;
            }

            await Task.Delay(interval, cancellation).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpoint {Checkpoint} of {AgentId} refused, the current policy keeps deciding ({Path}): {Problem}")]
    private static partial void LogRefused(ILogger logger, string agentId, string checkpoint, string path, string problem);
}
