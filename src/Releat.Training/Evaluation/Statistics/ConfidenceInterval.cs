namespace Releat.Training.Evaluation.Statistics;

/// <summary>An estimate with a two-sided interval at a confidence level (0.95 for a 95% interval).</summary>
public readonly record struct ConfidenceInterval(double Estimate, double Lower, double Upper, double Level)
{
    /// <summary>The whole interval lies above zero: the only case in which an edge is claimed.</summary>
    public bool IsAboveZero => Lower > 0;

    /// <summary>The whole interval lies below zero: significantly worse than nothing.</summary>
    public bool IsBelowZero => Upper < 0;
}
