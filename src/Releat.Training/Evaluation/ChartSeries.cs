namespace Releat.Training.Evaluation;

/// <summary>One line of a chart: its name in the legend, its colour, and one value per decision.</summary>
public sealed record ChartSeries(string Name, string Colour, double[] Values, bool Filled = false);
