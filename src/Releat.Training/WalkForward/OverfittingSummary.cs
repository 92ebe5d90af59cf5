using Releat.Training.Evaluation;
using Releat.Training.Evaluation.Statistics;

namespace Releat.Training.WalkForward;

/// <summary>The probability of backtest overfitting across a sweep's trials, or why it could not be had.</summary>
public sealed record OverfittingSummary(string Sweep, int Trials, double? Probability, int Splits, int Combinations, string? Note)
{
    public static OverfittingSummary Of(SweepOverfitting sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        BacktestOverfitting? pbo = sweep.Overfitting;
        return new OverfittingSummary(sweep.Sweep, sweep.Trials, pbo is null ? null : ReportedNumber.Ratio(pbo.Probability), pbo?.Splits ?? 0, pbo?.Combinations ?? 0, sweep.Why);
    }
}
