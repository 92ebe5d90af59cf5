using Releat.Trading;

namespace Releat.Training.Runs;

/// <summary>What to train and how: the agent, where RELEAT_HOME is, the run's name, and choices the config leaves open.</summary>
public sealed record TrainingRunOptions
{
    public required string AgentId { get; init; }

    /// <summary>The agent.yaml to use instead of looking the id up (tests, sweeps over a copied config).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>RELEAT_HOME: market data, datasets, runs.</summary>
    public string Home { get; init; } = AgentPaths.DefaultHome;

    /// <summary>The run's folder under agents/&lt;id&gt;/runs/; training resumes the latest checkpoint there.</summary>
    public string RunName { get; init; } = AgentPaths.DefaultRun;

    /// <summary>Overrides training.total_timesteps.</summary>
    public long? TotalTimesteps { get; init; }

    /// <summary>Overrides training.seed (every random choice of the run derives from it).</summary>
    public ulong? Seed { get; init; }

    /// <summary>Start from scratch, deleting the run's previous checkpoints and curves.</summary>
    public bool Restart { get; init; }

    /// <summary>Config values by dotted path (training.learning_rate → 3e-4).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>();

    /// <summary>A checkpoint every this many PPO updates (and always at the end or on stopping).</summary>
    public int CheckpointEveryUpdates { get; init; } = 25;

    /// <summary>Numbered checkpoints kept besides "best"; older ones are deleted.</summary>
    public int KeepCheckpoints { get; init; } = 5;

    /// <summary>Backtest each checkpoint greedily on the validation split and keep the best as checkpoints/best.</summary>
    public bool SelectOnValidation { get; init; } = true;

    /// <summary>Overrides training.gradient_workers (1 or 2); both are deterministic. A resumed run keeps the count it started with.</summary>
    public int? GradientWorkers { get; init; }

    public TradingEnvironmentOptions Environment { get; init; } = new();

    /// <summary>
    /// Replaces raw_data.split (and the data range becomes the split's span): a walk-forward fold's windows. The
    /// config file itself cannot say this through <see cref="Overrides"/>, which refuse raw_data.
    /// </summary>
    public Agents.Config.DataSplit? Split { get; init; }

    /// <summary>Where the dataset is opened or built (a feature store folder); default the home. Market data is always read from the home.</summary>
    public string? DatasetHome { get; init; }

    /// <summary>The curriculum grows episodes only while the mean episode reward is at least this (null: on schedule alone).</summary>
    public double? CurriculumRewardThreshold { get; init; }
}
