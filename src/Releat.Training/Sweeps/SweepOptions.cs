using Releat.Trading;
using Releat.Training.Runs;

namespace Releat.Training.Sweeps;

/// <summary>A sweep over one agent's config: its plan, how many trials run at once here, and the budget of each.</summary>
public sealed record SweepOptions
{
    public required string AgentId { get; init; }

    public required SweepPlan Plan { get; init; }

    public string? ConfigPath { get; init; }

    public string Home { get; init; } = AgentPaths.DefaultHome;

    /// <summary>Names the sweep's folder (agents/&lt;id&gt;/sweeps/&lt;name&gt;) and its runs (runs/sweep-&lt;name&gt;/trial-K).</summary>
    public string Name { get; init; } = "sweep";

    /// <summary>Trials trained at the same time on this machine (each on one thread).</summary>
    public int Parallel { get; init; } = 1;

    public long? TotalTimesteps { get; init; }

    public ulong? Seed { get; init; }

    public int CheckpointEveryUpdates { get; init; } = 25;

    public TradingEnvironmentOptions Environment { get; init; } = new();
}
