namespace Releat.Training.Evaluation;

/// <summary>A finished backtest: the comparison and the report files written for it.</summary>
public sealed record BacktestReportFiles(BacktestComparison Comparison, string HtmlPath, string JsonPath);
