namespace Releat.Training.Sweeps;

/// <summary>One trial of a sweep: its index (0-based, the Kubernetes JOB_COMPLETION_INDEX) and the values it sets.</summary>
public sealed record SweepTrial(int Index, IReadOnlyDictionary<string, string> Overrides)
{
    /// <summary>The run folder of the trial under agents/&lt;id&gt;/runs/.</summary>
    public string RunName(string sweep) => $"sweep-{sweep}/trial-{Index}";
}
