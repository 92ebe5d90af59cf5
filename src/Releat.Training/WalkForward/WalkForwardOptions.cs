using Releat.Trading;
using Releat.Training.Runs;

namespace Releat.Training.WalkForward;

/// <summary>
/// A walk-forward evaluation of one agent: how many folds roll over its data range, how many training seeds each
/// fold gets, the step budget of each training, how many run at once, and what to compare against.
/// </summary>
public sealed record WalkForwardOptions
{
    public const int DefaultFolds = 5;
    public const int DefaultSeeds = 3;
    public const int DefaultTrainSegments = 3;

    public required string AgentId { get; init; }

    /// <summary>The agent.yaml to use instead of looking the id up.</summary>
    public string? ConfigPath { get; init; }

    public string Home { get; init; } = AgentPaths.DefaultHome;

    /// <summary>Names the evaluation's folder (agents/&lt;id&gt;/evaluations/&lt;name&gt;) and its runs (runs/evaluate-&lt;name&gt;/…).</summary>
    public string Name { get; init; } = "evaluation";

    /// <summary>Folds K rolling forward over the data range.</summary>
    public int Folds { get; init; } = DefaultFolds;

    /// <summary>Training seeds S per fold: FirstSeed, FirstSeed + 1, ….</summary>
    public int Seeds { get; init; } = DefaultSeeds;

    /// <summary>The first training seed; it also seeds the random baseline, the fills and the bootstrap.</summary>
    public ulong FirstSeed { get; init; } = 1;

    /// <summary>Environment steps of each training (default: the config's training.total_timesteps).</summary>
    public long? TotalTimesteps { get; init; }

    /// <summary>Length of each fold's training window, in test-window lengths (validation and test are one each).</summary>
    public int TrainSegments { get; init; } = DefaultTrainSegments;

    /// <summary>Fold × seed trainings run at once (each on its own thread); at most the number of cores.</summary>
    public int Parallel { get; init; } = Math.Max(1, System.Environment.ProcessorCount);

    /// <summary>A sweep (agents/&lt;id&gt;/sweeps/&lt;name&gt;) whose trials count as configurations tried and give the PBO.</summary>
    public string? Sweep { get; init; }

    /// <summary>Configurations tried before this one, for the deflated Sharpe ratio (default: the sweep's trials, else 1).</summary>
    public int? Configurations { get; init; }

    /// <summary>Forget the evaluation's finished folds × seeds and its runs, and start again.</summary>
    public bool Restart { get; init; }

    public int CheckpointEveryUpdates { get; init; } = 25;

    public TradingEnvironmentOptions Environment { get; init; } = new();

    /// <summary>The training seeds, in order.</summary>
    public IReadOnlyList<ulong> SeedList => [.. Enumerable.Range(0, Seeds).Select(i => FirstSeed + (ulong)i)];
}
