using Releat.Learning.Numerics;

namespace Releat.Training.Evaluation.Statistics;

/// <summary>
/// The circular moving-block bootstrap (Politis and Romano, 1992) of a series' mean. Daily P&amp;L is not independent
/// from day to day (positions are held across days, volatility clusters), and resampling single days would give an
/// interval that is too narrow; resampling blocks of consecutive days keeps that dependence, and wrapping around the
/// end gives every day the same chance to be drawn. Seeded: the same series and seed give the same interval.
/// </summary>
public static class BlockBootstrap
{
    public const int DefaultResamples = 4000;

    /// <summary>
    /// The percentile interval of the mean. The block length defaults to the cube root of the length (the order that
    /// balances bias and variance for the mean), at least 1.
    /// </summary>
    public static ConfidenceInterval MeanInterval(
        ReadOnlySpan<double> values, ulong seed, double level = 0.95, int resamples = DefaultResamples, int blockLength = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(level, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        int n = values.Length;
        if (n == 0)
        {
            return new ConfidenceInterval(0, 0, 0, level);
        }

        double mean = Mean(values);
        int block = blockLength > 0 ? Math.Min(blockLength, n) : Math.Max(1, (int)Math.Round(Math.Cbrt(n)));
        var random = new SeededRandom(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            int drawn = 0;
            while (drawn < n)
            {
                int start = random.NextInt(n);
                for (int j = 0; j < block && drawn < n; j++, drawn++)
                {
                    sum += values[(start + j) % n];
                }
            }

            means[r] = sum / n;
        }

        Array.Sort(means);
        double tail = (1 - level) / 2;
        return new ConfidenceInterval(mean, Quantile(means, tail), Quantile(means, 1 - tail), level);
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan's type 7).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }

        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }
}
