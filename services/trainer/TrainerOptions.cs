namespace Releat.Trainer;

/// <summary>Where the trainer finds data and agents, and how it trains. Section "Trainer".</summary>
public sealed class TrainerOptions
{
    public const string Section = "Trainer";

    /// <summary>Market data, datasets and runs; RELEAT_HOME (or ./data) when unset.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Threads per minibatch gradient for new runs (1 or 2); unset, the agent's training.gradient_workers.</summary>
    public int? GradientWorkers { get; set; }

    /// <summary>A checkpoint every this many PPO updates.</summary>
    public int CheckpointEveryUpdates { get; set; } = 25;

    /// <summary>Reward every step with the change in marked P&amp;L (see TradingEnvironmentOptions).</summary>
    public bool MarkToMarketReward { get; set; }

    public string ResolveDataRoot() =>
        DataRoot ?? (Environment.GetEnvironmentVariable("RELEAT_HOME") is { Length: > 0 } home ? home : Path.Combine(Environment.CurrentDirectory, "data"));
}
