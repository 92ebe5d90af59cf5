namespace Releat.Training.Evaluation;

/// <summary>A policy's backtest and the metrics computed from it.</summary>
public sealed record PolicyOutcome(BacktestResult Result, BacktestMetrics Metrics)
{
    public string Name => Result.Policy;

    public static PolicyOutcome Of(BacktestResult result) => new(result, BacktestMetrics.From(result));
}
