namespace Releat.Features.Transforms;

/// <summary>
/// The Yeo-Johnson power transform (Yeo and Johnson, Biometrika 2000) and its profile log-likelihood, which is
/// maximised over lambda as scipy.stats.yeojohnson does:
/// <code>
///   ψ(x, λ) = ((x + 1)^λ − 1) / λ              x ≥ 0, λ ≠ 0
///           = ln(x + 1)                        x ≥ 0, λ = 0
///           = −((1 − x)^(2 − λ) − 1) / (2 − λ)  x &lt; 0, λ ≠ 2
///           = −ln(1 − x)                       x &lt; 0, λ = 2
///   llf(λ) = −n/2 · ln(σ²(ψ(x, λ))) + (λ − 1) · Σ sign(x) · ln(|x| + 1)
/// </code>
/// with σ² the population variance. Powers are taken as expm1(λ·log1p(x)) to stay accurate near λ = 0.
/// </summary>
public static class YeoJohnson
{
    /// <summary>The gap between 1 and the next double (numpy's spacing(1.0)).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    public static double Transform(double x, double lambda)
    {
        // scipy treats |λ| below machine epsilon as exactly 0 (and likewise 2 − λ); so do we.
        if (x >= 0)
        {
            return Math.Abs(lambda) < MachineEpsilon
                ? LogOnePlus(x)
                : ExpMinusOne(lambda * LogOnePlus(x)) / lambda;
        }

        double mirrored = 2 - lambda;
        return Math.Abs(mirrored) < MachineEpsilon
            ? -LogOnePlus(-x)
            : -ExpMinusOne(mirrored * LogOnePlus(-x)) / mirrored;
    }

    /// <summary>The profile log-likelihood of lambda given the data (higher is better).</summary>
    public static double LogLikelihood(ReadOnlySpan<double> data, double lambda) => new YeoJohnsonLikelihood(data).Evaluate(lambda);

    /// <summary>The maximum-likelihood lambda: Brent's method started from the bracket (-2, 2), as scipy does.</summary>
    public static double FitLambda(ReadOnlySpan<double> data)
    {
        if (data.Length < 2)
        {
            throw new ArgumentException("Yeo-Johnson needs at least two values to fit lambda", nameof(data));
        }

        var likelihood = new YeoJohnsonLikelihood(data);
        return BrentMinimizer.Minimize(lambda => -likelihood.Evaluate(lambda), -2, 2);
    }

    /// <summary>ln(1 + x) with full precision for small x (Math has no log1p).</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1 with full precision for small x (Math has no expm1).</summary>
    public static double ExpMinusOne(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }

        // Kahan's trick: u = e^x rounded; (u − 1)·x / ln(u) cancels the rounding of u.
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }
}
