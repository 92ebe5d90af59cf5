using Releat.Training.Leakage;

namespace Releat.Training.WalkForward;

/// <summary>
/// The leakage check of one fold's own dataset (<see cref="LeakageAudit"/>), run before anything trains on it: the
/// features at decisions sampled from it must not change when every later tick is perturbed, and its fitted
/// transforms must be exactly what the fold's training window alone gives. A leak in any fold voids the verdict.
/// </summary>
public sealed record FoldLeakage(
    int Fold, int Sampled, int Compared, int PerturbationSeen, IReadOnlyList<string> LeakingColumns, int FittedColumns, IReadOnlyList<string> TransformProblems)
{
    public bool Clean => LeakingColumns.Count == 0 && TransformProblems.Count == 0;

    public static FoldLeakage Of(int fold, LeakageAuditResult audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return new FoldLeakage(
            fold, audit.LookAhead.Sampled, audit.LookAhead.Compared, audit.LookAhead.PerturbationSeen, audit.LookAhead.LeakingColumns,
            audit.FittedColumns, audit.TransformProblems);
    }
}
