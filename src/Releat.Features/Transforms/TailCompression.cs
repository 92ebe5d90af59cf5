namespace Releat.Features.Transforms;

/// <summary>
/// Squeezes standardised values beyond 2 and 3 standard deviations so rare extremes cannot dominate the network's
/// inputs, while keeping their order. With a = |z|:
/// <code>
///   c(z) = z                                    a ≤ 2
///   c(z) = sign(z) · (2 + (a − 2) / 2)          2 &lt; a ≤ 3     (half slope)
///   c(z) = sign(z) · (2.5 + ln(1 + (a − 3)) / 2)   a &gt; 3     (logarithmic)
/// </code>
/// It is continuous, strictly increasing, and its slope is continuous at 3 (both sides 1/2); c(10) ≈ 3.54,
/// c(100) ≈ 4.79.
/// </summary>
public static class TailCompression
{
    public static double Compress(double z)
    {
        double a = Math.Abs(z);
        if (a <= 2)
        {
            return z;
        }

        double compressed = a <= 3 ? 2 + ((a - 2) / 2) : 2.5 + (YeoJohnson.LogOnePlus(a - 3) / 2);
        return z < 0 ? -compressed : compressed;
    }
}
