namespace Releat.Training.Evaluation;

/// <summary>Which held-out split a backtest walks: validation (for choosing) or test (touched once, at the end).</summary>
public enum BacktestPeriod
{
    Validation,
    Test,
}
