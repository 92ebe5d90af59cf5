using MathNet.Numerics.Distributions;

namespace Releat.Training.Evaluation.Statistics;

/// <summary>
/// The deflated Sharpe ratio (Bailey and López de Prado, 2014): the probability that the true Sharpe ratio of a
/// strategy is above the Sharpe ratio the best of N configurations would show by luck alone, allowing for the
/// returns' skewness and fat tails and for the length of the record. Sharpe ratios here are per period (per day),
/// not annualised, as the formula needs. With one configuration tried the benchmark is zero and the value is the
/// probabilistic Sharpe ratio against zero.
/// </summary>
public sealed record DeflatedSharpeRatio(
    double Sharpe,
    double Benchmark,
    int Observations,
    double Skewness,
    double Kurtosis,
    int Trials,
    double Probability)
{
    private const double EulerMascheroni = 0.5772156649015329;

    /// <summary>A deflated Sharpe ratio of 0.95 or more: the edge survives the number of configurations tried.</summary>
    public bool IsSignificant => Probability >= 0.95;

    /// <summary>
    /// The deflated Sharpe ratio of a series of period returns, for the number of configurations tried and the variance of
    /// their (per-period) Sharpe ratios.
    /// </summary>
    public static DeflatedSharpeRatio Of(ReadOnlySpan<double> returns, int trials, double trialSharpeVariance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(trialSharpeVariance);
        (double mean, double sd, double skewness, double kurtosis) = Moments(returns);
        double sharpe = sd > 0 ? mean / sd : 0;
        double benchmark = ExpectedMaximumSharpe(trials, trialSharpeVariance);
        double probability = returns.Length > 1 && sd > 0
            ? Probabilistic(sharpe, benchmark, returns.Length, skewness, kurtosis)
            : 0;
        return new DeflatedSharpeRatio(sharpe, benchmark, returns.Length, skewness, kurtosis, trials, probability);
    }

    /// <summary>
    /// The probabilistic Sharpe ratio: P(true Sharpe &gt; benchmark) for an observed per-period Sharpe over a number of
    /// observations, with the returns' skewness and (non-excess) kurtosis.
    /// </summary>
    public static double Probabilistic(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 2);
        double variance = 1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe);
        // A variance term at or below zero comes only from extreme, tiny samples; the Sharpe ratio is then known so
        // badly that the smallest positive value (the most confident answer) would be a lie, so take the normal case.
        double spread = Math.Sqrt(variance > 1e-12 ? variance : 1 + (sharpe * sharpe / 2));
        return Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(observations - 1) / spread);
    }

    /// <summary>
    /// The expected largest Sharpe ratio among N independent configurations whose true Sharpe ratio is zero and whose
    /// estimates vary with the given variance (the false strategy theorem); zero for one configuration.
    /// </summary>
    public static double ExpectedMaximumSharpe(int trials, double trialSharpeVariance)
    {
        if (trials <= 1 || trialSharpeVariance <= 0)
        {
            return 0;
        }

        double n = trials;
        return Math.Sqrt(trialSharpeVariance) * (((1 - EulerMascheroni) * Normal.InvCDF(0, 1, 1 - (1 / n)))
            + (EulerMascheroni * Normal.InvCDF(0, 1, 1 - (1 / (n * Math.E)))));
    }

    /// <summary>Mean, sample standard deviation, skewness and non-excess kurtosis (population moments, as in the paper).</summary>
    public static (double Mean, double Deviation, double Skewness, double Kurtosis) Moments(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return (0, 0, 0, 3);
        }

        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        double sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        m2 /= n;
        m3 /= n;
        m4 /= n;
        return m2 > 0 ? (mean, sd, m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2)) : (mean, sd, 0, 3);
    }
}
