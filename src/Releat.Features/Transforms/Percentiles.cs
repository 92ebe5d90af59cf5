namespace Releat.Features.Transforms;

/// <summary>Percentiles of sorted data with linear interpolation between closest ranks (numpy's default).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/> (0..100) percentile of ascending <paramref name="sorted"/> values.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("no values to take a percentile of", nameof(sorted));
        }

        double position = percent / 100 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        double fraction = position - below;
        return sorted[below] + (fraction * (sorted[below + 1] - sorted[below]));
    }
}
