using Releat.Agents.Config;
using Releat.Features.Leakage;

namespace Releat.Training.Leakage;

/// <summary>What a leakage check found: the look-ahead report, the transforms not fitted on the training window alone, and what was covered.</summary>
public sealed record LeakageAuditResult(
    string Agent, LookAheadReport LookAhead, IReadOnlyList<string> TransformProblems, TimeRange Train, int Columns, int FittedColumns)
{
    public bool Clean => LookAhead.Clean && TransformProblems.Count == 0;
}
