namespace Releat.Features.Bars;

/// <summary>
/// Central moments and the regression slope from exact integer sums. The differences that lose precision in
/// floating point (n·Σx² − (Σx)², n·Σtx − Σt·Σx) are formed exactly in <see cref="Int128"/>; only the final ratio
/// is a floating-point operation, so the result is as accurate as the inputs allow and never negative by rounding.
/// </summary>
internal static class ExactMoments
{
    /// <summary>n²·(population variance of x) = n·Σx² − (Σx)², exactly.</summary>
    public static Int128 ScaledVariance(in StepSums s) => (s.Count * s.SumXX) - Math.BigMul(s.SumX, s.SumX);

    /// <summary>Population skewness m3 / m2^1.5; 0 when the prices do not vary.</summary>
    public static double Skewness(in StepSums s, Int128 scaledVariance)
    {
        if (scaledVariance <= 0)
        {
            return 0;
        }

        // Shift x by c ≈ mean first (exact in integers) so the cubes stay far from Int128's range:
        // s1 = Σ(x-c), s2 = Σ(x-c)², s3 = Σ(x-c)³; then n³·m3 = n²·s3 − 3n·s1·s2 + 2·s1³.
        long n = s.Count;
        long c = s.SumX / n;
        Int128 s1 = s.SumX - ((Int128)n * c);
        Int128 s2 = s.SumXX - ((Int128)2 * c * s.SumX) + ((Int128)n * c * c);
        Int128 s3 = s.SumXXX - ((Int128)3 * c * s.SumXX) + ((Int128)3 * c * c * s.SumX) - ((Int128)n * c * c * c);
        Int128 cubed = ((Int128)n * n * s3) - ((Int128)3 * n * s1 * s2) + ((Int128)2 * s1 * s1 * s1);
        double variance = (double)scaledVariance;
        return (double)cubed / (variance * Math.Sqrt(variance));
    }

    /// <summary>Least-squares slope of x against t (x units per millisecond); 0 with fewer than two distinct times.</summary>
    public static double Slope(in StepSums s)
    {
        Int128 denominator = (s.Count * s.SumTT) - Math.BigMul(s.SumT, s.SumT);
        if (denominator <= 0)
        {
            return 0;
        }

        Int128 numerator = (s.Count * s.SumTX) - Math.BigMul(s.SumT, s.SumX);
        return (double)numerator / (double)denominator;
    }
}
