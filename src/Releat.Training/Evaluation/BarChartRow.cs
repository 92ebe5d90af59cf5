namespace Releat.Training.Evaluation;

/// <summary>One row of a bar chart: its label, the bar's segments (stacked from zero, in the chart's segment colours) and dots drawn over it.</summary>
public sealed record BarChartRow(string Label, IReadOnlyList<double> Segments, IReadOnlyList<double> Dots);
