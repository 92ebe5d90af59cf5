using Releat.Features.Registry;
using Releat.Signal.Core.Feeds;

namespace Releat.Signal.Core.Live;

/// <summary>How an <see cref="AgentSignalRunner"/> finds checkpoints and follows ticks.</summary>
public sealed record AgentSignalRunnerOptions
{
    /// <summary>The run whose checkpoints are traded (its best, when the agent's deploy rule lets it trade).</summary>
    public string Run { get; init; } = Training.Runs.AgentPaths.DefaultRun;

    /// <summary>A checkpoint folder to trade with instead of the run's preferred one.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>
    /// Trade checkpoints the deploy rule refuses (the run's best, else its latest): an operator's explicit override,
    /// warned about at every start.
    /// </summary>
    public bool AllowUndeployable { get; init; }

    /// <summary>How often the run folder is looked at for a new checkpoint.</summary>
    public TimeSpan CheckpointPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TickFeedOptions Feed { get; init; } = new();

    public SignallerOptions Signaller { get; init; } = new();

    public FeatureRegistry? Registry { get; init; }
}
