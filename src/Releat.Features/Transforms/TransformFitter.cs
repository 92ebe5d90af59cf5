namespace Releat.Features.Transforms;

/// <summary>
/// Fits one column's transform on its training values (the caller passes training rows only; validation and test
/// never reach this class). Order of fitting follows the order of application: percentiles on the raw values,
/// lambda on the clipped values, mean and standard deviation on the power-transformed values.
/// </summary>
public static class TransformFitter
{
    public static FeatureTransform Fit(string column, Agents.Config.TransformConfig config, ReadOnlySpan<float> trainValues)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsIdentity)
        {
            return FeatureTransform.Identity(column);
        }

        if (trainValues.Length < 2)
        {
            throw new InvalidOperationException($"column {column}: {trainValues.Length} training values are too few to fit a transform");
        }

        double[] values = new double[trainValues.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = trainValues[i];
        }

        double? lower = null;
        double? upper = null;
        if (config.ClipPercentiles is { } percentiles)
        {
            double[] sorted = [.. values];
            Array.Sort(sorted);
            lower = Percentiles.OfSorted(sorted, percentiles.Lower);
            upper = Percentiles.OfSorted(sorted, percentiles.Upper);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Math.Clamp(values[i], lower.Value, upper.Value);
            }
        }

        if (IsConstant(values))
        {
            return new FeatureTransform(column, lower, upper, null, null, null, false, null, Constant: true);
        }

        double? lambda = null;
        if (config.YeoJohnson)
        {
            lambda = YeoJohnson.FitLambda(values);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = YeoJohnson.Transform(values[i], lambda.Value);
            }
        }

        double? mean = null;
        double? std = null;
        if (config.Standardize)
        {
            (mean, std) = MeanAndStdDev(values);
            if (!(std > 0) || !double.IsFinite(std.Value))
            {
                return new FeatureTransform(column, lower, upper, lambda, null, null, false, null, Constant: true);
            }
        }

        return new FeatureTransform(column, lower, upper, lambda, mean, std, config.CompressTails, config.Clip, Constant: false);
    }

    private static bool IsConstant(double[] values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Mean and population standard deviation, two passes (the second on deviations, no cancellation).</summary>
    private static (double Mean, double StdDev) MeanAndStdDev(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / values.Length;
        double squares = 0;
        foreach (double v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / values.Length));
    }
}
