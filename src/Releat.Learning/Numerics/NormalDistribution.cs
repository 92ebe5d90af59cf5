namespace Releat.Learning.Numerics;

/// <summary>
/// The standard normal distribution to double precision, for GELU's reference path (double networks, gradient checks):
/// Φ(x) = ½(1 + erf(x/√2)) and φ(x) = e^(−x²/2)/√(2π). .NET has no erf, so it is summed here from the series
/// erf(z) = (2/√π)·e^(−z²)·Σₙ 2ⁿz^(2n+1)/(1·3·…·(2n+1)) (Abramowitz and Stegun 7.1.6), whose terms are all positive:
/// no cancellation, relative error a few units in the last place. Past |z| = 6, erf is ±1 in double (erfc(6) ≈ 2e-17).
/// </summary>
internal static class NormalDistribution
{
    private const double InverseSqrtTwo = 0.70710678118654752440;
    private const double InverseSqrtTwoPi = 0.39894228040143267794;
    private const double TwoOverSqrtPi = 1.12837916709551257390;

    /// <summary>Φ(x): the probability that a standard normal draw is at most x.</summary>
    public static double Cdf(double x) => 0.5 * (1.0 + Erf(x * InverseSqrtTwo));

    /// <summary>φ(x) = Φ'(x).</summary>
    public static double Density(double x) => InverseSqrtTwoPi * Math.Exp(-0.5 * x * x);

    /// <summary>The error function, erf(z) = (2/√π)∫₀ᶻ e^(−t²) dt.</summary>
    public static double Erf(double z)
    {
        if (double.IsNaN(z))
        {
            return z;
        }

        double a = Math.Abs(z);
        if (a >= 6.0)
        {
            return Math.CopySign(1.0, z);
        }

        // Terms grow until n ≈ z² and then shrink geometrically: at most ~150 of them at z = 6.
        double twoSquare = 2.0 * a * a;
        double term = a, sum = a;
        for (int n = 1; term > sum * 1e-17; n++)
        {
            term *= twoSquare / ((2 * n) + 1);
            sum += term;
        }

        return Math.CopySign(TwoOverSqrtPi * Math.Exp(-a * a) * sum, z);
    }
}
