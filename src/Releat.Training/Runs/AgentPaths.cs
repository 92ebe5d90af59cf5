namespace Releat.Training.Runs;

/// <summary>
/// Where one agent's files live under RELEAT_HOME: the market data store and datasets at the home itself (as the
/// importers and the feature builder write them), runs at <c>agents/&lt;id&gt;/runs/&lt;run&gt;/</c> (curves, CSV,
/// checkpoints), backtest reports at <c>agents/&lt;id&gt;/reports/</c> and sweeps at <c>agents/&lt;id&gt;/sweeps/</c>.
/// </summary>
public sealed record AgentPaths(string Home, string AgentId)
{
    public const string DefaultRun = "main";

    /// <summary>RELEAT_HOME, or ./data.</summary>
    public static string DefaultHome =>
        Environment.GetEnvironmentVariable("RELEAT_HOME") is { Length: > 0 } home ? Path.GetFullPath(home) : Path.GetFullPath("data");

    public string AgentDirectory => Path.Combine(Home, "agents", AgentId);

    public string RunsDirectory => Path.Combine(AgentDirectory, "runs");

    public string ReportsDirectory => Path.Combine(AgentDirectory, "reports");

    public string SweepsDirectory => Path.Combine(AgentDirectory, "sweeps");

    public string Run(string run) => Path.Combine(RunsDirectory, CheckName(run));

    public string Checkpoints(string run) => Path.Combine(Run(run), "checkpoints");

    /// <summary>Run names may hold '/' to nest (sweep-name/trial-3), never '..'.</summary>
    private static string CheckName(string run)
    {
        if (string.IsNullOrWhiteSpace(run) || run.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(run)
            || !run.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/'))
        {
            throw new ArgumentException($"run name '{run}' must be letters, digits, '_', '-', '.' or '/'", nameof(run));
        }

        return run;
    }
}
