namespace Releat.Training.WalkForward;

/// <summary>The agent's deflated Sharpe ratio (per-day Sharpe, the benchmark N configurations reach by luck, and the probability).</summary>
public sealed record DeflatedSharpeSummary(double DailySharpe, double Benchmark, int Configurations, int Days, double Probability);
