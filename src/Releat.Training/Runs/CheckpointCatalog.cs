using System.Globalization;
using Releat.Training.Evaluation;

namespace Releat.Training.Runs;

/// <summary>
/// The checkpoints of an agent's runs on disk: <c>runs/&lt;run&gt;/checkpoints/step-&lt;steps&gt;/</c> for each save and
/// <c>checkpoints/best/</c> for the best on validation. A checkpoint counts once its run_state.json is written (last).
/// </summary>
public static class CheckpointCatalog
{
    public const string BestName = "best";
    private const string StepPrefix = "step-";

    public static string StepDirectoryName(long steps) => StepPrefix + steps.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>The newest complete numbered checkpoint of a run, or null.</summary>
    public static string? Latest(string checkpointsDirectory) =>
        Numbered(checkpointsDirectory).OrderByDescending(c => c.Steps).Select(c => c.Path).FirstOrDefault();

    /// <summary>Numbered checkpoints of a run folder, oldest first.</summary>
    public static IReadOnlyList<(long Steps, string Path)> Numbered(string checkpointsDirectory)
    {
        if (!Directory.Exists(checkpointsDirectory))
        {
            return [];
        }

        var found = new List<(long, string)>();
        foreach (string directory in Directory.EnumerateDirectories(checkpointsDirectory, StepPrefix + "*"))
        {
            string name = Path.GetFileName(directory);
            if (long.TryParse(name.AsSpan(StepPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long steps)
                && File.Exists(Path.Combine(directory, RunState.FileName)))
            {
                found.Add((steps, directory));
            }
        }

        return [.. found.OrderBy(c => c.Item1)];
    }

    /// <summary>Every checkpoint of every run of the agent, newest first.</summary>
    public static IReadOnlyList<CheckpointInfo> ForAgent(AgentPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!Directory.Exists(paths.RunsDirectory))
        {
            return [];
        }

        var all = new List<CheckpointInfo>();
        foreach (string checkpoints in Directory.EnumerateDirectories(paths.RunsDirectory, "checkpoints", SearchOption.AllDirectories))
        {
            string run = Path.GetRelativePath(paths.RunsDirectory, Path.GetDirectoryName(checkpoints)!).Replace('\\', '/');
            foreach (string directory in Directory.EnumerateDirectories(checkpoints))
            {
                if (File.Exists(Path.Combine(directory, RunState.FileName)))
                {
                    all.Add(Describe(paths.AgentId, run, directory));
                }
            }
        }

        return [.. all.OrderByDescending(c => c.Created).ThenByDescending(c => c.Steps)];
    }

    /// <summary>
    /// The checkpoint a backtest should use by default: the run's best on validation, else its latest; null when the
    /// run has none.
    /// </summary>
    public static string? Preferred(AgentPaths paths, string run)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string checkpoints = paths.Checkpoints(run);
        string best = Path.Combine(checkpoints, BestName);
        return File.Exists(Path.Combine(best, RunState.FileName)) ? best : Latest(checkpoints);
    }

    /// <summary>
    /// The checkpoint the deploy rule lets trade live: the run's best on validation when its verdict says it beat flat
    /// by the agent's margin; null otherwise (a run none of whose checkpoints passed has no best).
    /// </summary>
    public static string? Deployable(AgentPaths paths, string run)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string best = Path.Combine(paths.Checkpoints(run), BestName);
        return File.Exists(Path.Combine(best, RunState.FileName)) && VerdictOf(best).Deployable ? best : null;
    }

    /// <summary>The deploy verdict a checkpoint carries; one saved before checkpoints carried verdicts is not deployable.</summary>
    public static DeploymentVerdict VerdictOf(string checkpointDirectory) =>
        RunState.Read(checkpointDirectory).Deployment
        ?? DeploymentVerdict.Unjudged($"{checkpointDirectory} carries no validation verdict (saved before the deploy rule): train the agent again");

    /// <summary>Why a run has no checkpoint to trade: the verdict of its preferred checkpoint, or that it has none.</summary>
    public static string WhyNotDeployable(AgentPaths paths, string run)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Preferred(paths, run) is { } preferred
            ? $"{IdOf(paths, preferred)}: {VerdictOf(preferred).Reason}"
            : $"no checkpoint under {paths.Checkpoints(run)} yet";
    }

    /// <summary>
    /// How a checkpoint is named in reports and signals: "&lt;run&gt;/&lt;folder&gt;" ("main/best", "main/step-…") for one
    /// under the agent's runs, its folder name for one elsewhere.
    /// </summary>
    public static string IdOf(AgentPaths paths, string checkpointDirectory)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string full = Path.GetFullPath(checkpointDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return full.StartsWith(Path.GetFullPath(paths.RunsDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(paths.RunsDirectory, full).Replace(Path.DirectorySeparatorChar, '/').Replace("/checkpoints/", "/", StringComparison.Ordinal)
            : Path.GetFileName(full);
    }

    private static CheckpointInfo Describe(string agentId, string run, string directory)
    {
        RunState state = RunState.Read(directory);
        string name = Path.GetFileName(directory);
        return new CheckpointInfo(
            $"{run}/{name}", agentId, run, state.Steps, state.SavedUtc, directory, state.MeanEpisodeReward, state.ValidationNetPips,
            string.Equals(name, BestName, StringComparison.Ordinal));
    }
}
