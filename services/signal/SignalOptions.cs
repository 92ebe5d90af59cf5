namespace Releat.Signal;

/// <summary>
/// Configuration section "Signal": which agents to decide for, which of their runs' checkpoints to trade, where their
/// configs are, how often to look for new checkpoints, and the gateway to take ticks from.
/// </summary>
public sealed class SignalOptions
{
    public const string Section = "Signal";

    /// <summary>Agent ids to decide for; their configs are read from &lt;AgentsRoot&gt;/&lt;id&gt;/agent.yaml.</summary>
    /// <remarks>No default in the list itself: the configuration binder appends to a list, it does not replace it.</remarks>
    public IList<string> Agents { get; } = [];

    /// <summary>The run whose checkpoints are traded: RELEAT_HOME/agents/&lt;id&gt;/runs/&lt;run&gt;/checkpoints (its best, when deployable).</summary>
    public string Run { get; set; } = "main";

    /// <summary>A checkpoint folder to trade with instead of the run's (one agent only).</summary>
    public string? Checkpoint { get; set; }

    /// <summary>
    /// Trade checkpoints that did not beat flat on validation by the agent's deploy margin. Off: such an agent stays
    /// flat and the log, the metric releat_signal_deployable and `releat status` say why. On: warned at every start.
    /// </summary>
    public bool AllowUndeployableCheckpoint { get; set; }

    /// <summary>Folder holding &lt;id&gt;/agent.yaml; searched for (RELEAT_AGENTS, then agents/ above the program) when empty.</summary>
    public string? AgentsRoot { get; set; }

    /// <summary>How often the run folder is looked at for a new checkpoint (polling: file events are unreliable on volumes).</summary>
    public TimeSpan CheckpointPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After (re)subscribing, how long to buffer live ticks before reading history (the gateway writes its store about once a second).</summary>
    public TimeSpan CatchUpDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    public SignalGatewayOptions Gateway { get; set; } = new();

    public void Validate()
    {
        if (Checkpoint is { Length: > 0 } && Agents.Count > 1)
        {
            throw new InvalidOperationException($"Signal:Checkpoint '{Checkpoint}' is one agent's checkpoint; Signal:Agents lists {Agents.Count}");
        }

        if (CheckpointPollInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Signal:CheckpointPollInterval {CheckpointPollInterval} must be positive");
        }
    }
}

/// <summary>The mt5-gateway whose MarketData service gives live ticks and their history.</summary>
public sealed class SignalGatewayOptions
{
    public string Address { get; set; } = "http://127.0.0.1:6001";

    /// <summary>A token of a caller with the read role at the gateway (Auth:Callers there); none on an open loopback gateway.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The same token read from a file (a mounted secret); give this or <see cref="BearerToken"/>.</summary>
    public string? BearerTokenFile { get; set; }

    /// <summary>The token to send: from the file, inline, or none.</summary>
    public string? ResolveBearerToken() =>
        Releat.Contracts.Secrets.SecretFile.Resolve(BearerToken, BearerTokenFile, "Signal:Gateway:BearerToken", "Signal:Gateway:BearerTokenFile");
}
