using Releat.Randomness;

namespace Releat.MarketData;

/// <summary>
/// The draws that generated markets make (uniform, exponential, Marsaglia-polar Gaussians, small integers) over the
/// one seeded generator. These are the streams the synthetic data was made with, so a seed gives the same market as before.
/// A mutable struct: keep it in a field and call it through that field.
/// </summary>
internal struct SeededDraws(ulong seed)
{
    private Xoshiro256StarStar _generator = new(seed);
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _generator.NextDouble();

    /// <summary>Uniform integer in [0, exclusiveMax) by a multiply-shift of 31 random bits (bias below 2^-31 for the small ranges drawn here).</summary>
    public int NextInt(int exclusiveMax) => (int)((_generator.NextUInt64() >> 33) * (ulong)exclusiveMax >> 31);

    /// <summary>Exponential with mean 1.</summary>
    public double NextExponential() => -Math.Log(_generator.NextPositiveDouble());

    /// <summary>Standard normal by Marsaglia's polar method; the second value of each pair is kept for the next call.</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * _generator.NextDouble()) - 1.0;
            v = (2.0 * _generator.NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double scale = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * scale;
        _hasSpare = true;
        return u * scale;
    }
}
