using Releat.Training.Runs;

namespace Releat.Training.Evaluation;

/// <summary>Which agent and checkpoint to backtest, on which period, and where the report goes.</summary>
public sealed record BacktestOptions
{
    public required string AgentId { get; init; }

    /// <summary>The agent.yaml to use when the checkpoint holds no config of its own.</summary>
    public string? ConfigPath { get; init; }

    public string Home { get; init; } = AgentPaths.DefaultHome;

    /// <summary>The run whose preferred checkpoint (best on validation, else latest) is used when none is given.</summary>
    public string RunName { get; init; } = AgentPaths.DefaultRun;

    /// <summary>A checkpoint folder; default: the run's preferred one.</summary>
    public string? Checkpoint { get; init; }

    public BacktestPeriod Period { get; init; } = BacktestPeriod.Test;

    /// <summary>Seeds the fill draws inside execution windows (the same for every policy).</summary>
    public ulong FillSeed { get; init; } = 1;

    /// <summary>Seeds the random baseline.</summary>
    public ulong BaselineSeed { get; init; } = 1;

    /// <summary>Where the HTML and JSON go; default agents/&lt;id&gt;/reports under the home.</summary>
    public string? ReportDirectory { get; init; }
}
