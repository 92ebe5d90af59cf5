namespace Releat.Features.Transforms;

/// <summary>
/// One-dimensional minimisation without derivatives: a downhill bracket search from two starting points (golden
/// ratio steps with parabolic extrapolation) followed by Brent's method (parabolic interpolation safeguarded by
/// golden-section steps), the procedure scipy.optimize.brent follows. Relative tolerance 1.48e-8 like scipy's.
/// </summary>
public static class BrentMinimizer
{
    private const double Golden = 1.618033988749895;
    private const double GoldenSection = 0.3819660112501051;
    private const double GrowLimit = 110;
    private const double Tiny = 1e-21;
    private const double Tolerance = 1.48e-8;
    private const double MinTolerance = 1e-11;
    private const int MaxIterations = 500;

    public static double Minimize(Func<double, double> f, double xa, double xb)
    {
        ArgumentNullException.ThrowIfNull(f);
        (double a, double b, double c, double fb) = Bracket(f, xa, xb);
        return Brent(f, a, b, c, fb);
    }

    /// <summary>Finds a &lt; b &lt; c (or a &gt; b &gt; c) with f(b) below f(a) and f(c).</summary>
    private static (double A, double B, double C, double Fb) Bracket(Func<double, double> f, double xa, double xb)
    {
        double fa = f(xa);
        double fb = f(xb);
        if (fa < fb)
        {
            (xa, xb) = (xb, xa);
            (fa, fb) = (fb, fa);
        }

        double xc = xb + (Golden * (xb - xa));
        double fc = f(xc);
        for (int iteration = 0; fc < fb && iteration < MaxIterations * 2; iteration++)
        {
            double tmp1 = (xb - xa) * (fb - fc);
            double tmp2 = (xb - xc) * (fb - fa);
            double value = tmp2 - tmp1;
            double denominator = Math.Abs(value) < Tiny ? 2 * Tiny : 2 * value;
            double w = xb - (((xb - xc) * tmp2) - ((xb - xa) * tmp1)) / denominator;
            double wLimit = xb + (GrowLimit * (xc - xb));
            double fw;
            if ((w - xc) * (xb - w) > 0)
            {
                fw = f(w);
                if (fw < fc)
                {
                    return Ordered(xb, w, xc, fw);
                }

                if (fw > fb)
                {
                    return Ordered(xa, xb, w, fb);
                }

                w = xc + (Golden * (xc - xb));
                fw = f(w);
            }
            else if ((w - wLimit) * (wLimit - xc) >= 0)
            {
                w = wLimit;
                fw = f(w);
            }
            else if ((w - wLimit) * (xc - w) > 0)
            {
                fw = f(w);
                if (fw < fc)
                {
                    (xb, xc, w) = (xc, w, w + (Golden * (w - xc)));
                    (fb, fc, fw) = (fc, fw, f(w));
                }
            }
            else
            {
                w = xc + (Golden * (xc - xb));
                fw = f(w);
            }

            (xa, xb, xc) = (xb, xc, w);
            (fa, fb, fc) = (fb, fc, fw);
        }

        return Ordered(xa, xb, xc, fb);
    }

    private static (double A, double B, double C, double Fb) Ordered(double a, double b, double c, double fb) =>
        a < c ? (a, b, c, fb) : (c, b, a, fb);

    private static double Brent(Func<double, double> f, double a, double b, double c, double fb)
    {
        double lo = Math.Min(a, c);
        double hi = Math.Max(a, c);
        double x = b, w = b, v = b;
        double fx = fb, fw = fb, fv = fb;
        double step = 0;
        double previousStep = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double tol1 = (Tolerance * Math.Abs(x)) + MinTolerance;
            double tol2 = 2 * tol1;
            double middle = 0.5 * (lo + hi);
            if (Math.Abs(x - middle) < tol2 - (0.5 * (hi - lo)))
            {
                break;
            }

            bool golden = true;
            if (Math.Abs(previousStep) > tol1)
            {
                // Fit a parabola through x, w, v and step to its vertex if that is safe.
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = ((x - v) * q) - ((x - w) * r);
                q = 2 * (q - r);
                if (q > 0)
                {
                    p = -p;
                }

                q = Math.Abs(q);
                double older = previousStep;
                if (Math.Abs(p) < Math.Abs(0.5 * q * older) && p > q * (lo - x) && p < q * (hi - x))
                {
                    previousStep = step;
                    step = p / q;
                    double u0 = x + step;
                    if (u0 - lo < tol2 || hi - u0 < tol2)
                    {
                        step = middle - x >= 0 ? tol1 : -tol1;
                    }

                    golden = false;
                }
            }

            if (golden)
            {
                previousStep = x >= middle ? lo - x : hi - x;
                step = GoldenSection * previousStep;
            }

            double u = Math.Abs(step) < tol1 ? x + (step >= 0 ? tol1 : -tol1) : x + step;
            double fu = f(u);
            if (fu <= fx)
            {
                if (u >= x)
                {
                    lo = x;
                }
                else
                {
                    hi = x;
                }

                (v, w, x) = (w, x, u);
                (fv, fw, fx) = (fw, fx, fu);
            }
            else
            {
                if (u < x)
                {
                    lo = u;
                }
                else
                {
                    hi = u;
                }

                if (fu <= fw || w == x)
                {
                    (v, w) = (w, u);
                    (fv, fw) = (fw, fu);
                }
                else if (fu <= fv || v == x || v == w)
                {
                    v = u;
                    fv = fu;
                }
            }
        }

        return x;
    }
}
