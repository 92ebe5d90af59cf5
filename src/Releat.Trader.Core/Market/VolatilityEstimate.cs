namespace Releat.Trader.Core.Market;

/// <summary>
/// Recent volatility of one symbol: the mid price is sampled at the first tick of each market-time minute, and the
/// variance of the one-minute log returns is an exponentially weighted average, σ²ₜ = λσ²ₜ₋₁ + (1-λ)r²ₜ with
/// λ = 0.5^(1/half-life in minutes) (RiskMetrics' form; a minute without ticks counts as no return). σ is the
/// standard deviation of one-minute log returns. Allocation-free per tick.
/// </summary>
public sealed class VolatilityEstimate(int halfLifeMinutes = 60, int warmupMinutes = 10)
{
    private const long MsPerMinute = 60_000;
    private readonly double _lambda = Math.Pow(0.5, 1.0 / Math.Max(1, halfLifeMinutes));
    private long _minute = long.MinValue;
    private double _lastMid;
    private double _variance;
    private int _samples;

    /// <summary>σ of one-minute log returns, NaN until <c>warmupMinutes</c> returns have been seen.</summary>
    public double PerMinute => _samples >= warmupMinutes ? Math.Sqrt(_variance) : double.NaN;

    public void OnPrice(long timeMs, double mid)
    {
        if (!(mid > 0))
        {
            return;
        }

        long minute = timeMs / MsPerMinute;
        if (minute <= _minute)
        {
            return;
        }

        if (_minute != long.MinValue)
        {
            double r = Math.Log(mid / _lastMid);
            _variance = _samples == 0 ? r * r : (_lambda * _variance) + ((1 - _lambda) * r * r);
            _samples++;
        }

        _minute = minute;
        _lastMid = mid;
    }
}
