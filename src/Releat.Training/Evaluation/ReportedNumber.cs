namespace Releat.Training.Evaluation;

/// <summary>
/// Numbers as reports print and JSON files hold them, rounded to what they mean: a summary saying
/// -3342.999999999906 pips claims a precision no backtest has. Pips to 0.1, money to 0.01, ratios to 4 places.
/// </summary>
public static class ReportedNumber
{
    public static double Pips(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static double Money(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static double Ratio(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    public static double? Ratio(double? value) => value is double v ? Ratio(v) : null;

    /// <summary>Durations in seconds, to a tenth.</summary>
    public static double Seconds(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
