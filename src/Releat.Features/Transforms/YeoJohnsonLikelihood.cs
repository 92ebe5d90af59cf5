namespace Releat.Features.Transforms;

/// <summary>
/// The Yeo-Johnson profile log-likelihood of one data set, evaluated for many lambdas during the fit. The
/// logarithms ln(1 + |x|) and the Jacobian term do not depend on lambda, so they are computed once; each
/// evaluation then costs one exponential per value.
/// </summary>
internal sealed class YeoJohnsonLikelihood
{
    private const double MachineEpsilon = 2.220446049250313e-16;
    private readonly double[] _logs;
    private readonly bool[] _negative;
    private readonly double[] _transformed;
    private readonly double _jacobian;

    public YeoJohnsonLikelihood(ReadOnlySpan<double> data)
    {
        _logs = new double[data.Length];
        _negative = new bool[data.Length];
        _transformed = new double[data.Length];
        double jacobian = 0;
        for (int i = 0; i < data.Length; i++)
        {
            _negative[i] = data[i] < 0;
            _logs[i] = YeoJohnson.LogOnePlus(Math.Abs(data[i]));
            jacobian += Math.Sign(data[i]) * _logs[i];
        }

        _jacobian = jacobian;
    }

    public double Evaluate(double lambda)
    {
        int n = _logs.Length;
        double positivePower = lambda;
        double negativePower = 2 - lambda;
        bool positiveIsLog = Math.Abs(positivePower) < MachineEpsilon;
        bool negativeIsLog = Math.Abs(negativePower) < MachineEpsilon;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double l = _logs[i];
            double t = _negative[i]
                ? (negativeIsLog ? -l : -YeoJohnson.ExpMinusOne(negativePower * l) / negativePower)
                : (positiveIsLog ? l : YeoJohnson.ExpMinusOne(positivePower * l) / positivePower);
            _transformed[i] = t;
            sum += t;
        }

        double mean = sum / n;
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            double d = _transformed[i] - mean;
            variance += d * d;
        }

        variance /= n;
        if (!(variance > 0) || double.IsInfinity(variance))
        {
            // Degenerate or overflowing lambdas must lose against any finite likelihood.
            return double.NegativeInfinity;
        }

        return (-n / 2.0 * Math.Log(variance)) + ((lambda - 1) * _jacobian);
    }
}
