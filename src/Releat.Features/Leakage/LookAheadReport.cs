namespace Releat.Features.Leakage;

/// <summary>
/// The look-ahead half of a leakage check: decisions sampled, those that had an observation to compare, how many of
/// them showed the perturbation at the next decision (proof that it reached the features at all), and every feature
/// that changed at its own decision.
/// </summary>
public sealed record LookAheadReport(int Sampled, int Compared, int PerturbationSeen, IReadOnlyList<LeakageFinding> Findings)
{
    public bool Clean => Findings.Count == 0;

    /// <summary>The columns that leaked, each once, in order of first finding.</summary>
    public IReadOnlyList<string> LeakingColumns => [.. Findings.Select(f => f.Column).Distinct(StringComparer.Ordinal)];
}
