using Releat.Randomness;

namespace Releat.Learning.Numerics;

/// <summary>
/// The distributions training draws (uniform, unbiased integers, Box-Muller Gaussians, permutations) over the one
/// seeded generator; its whole state is the generator's four words, so a checkpointed run resumes bit for bit.
/// </summary>
public sealed class SeededRandom
{
    private Xoshiro256StarStar _generator;

    public SeededRandom(ulong seed) => Reseed(seed);

    /// <summary>Restarts the stream from a seed.</summary>
    public void Reseed(ulong seed) => _generator = new Xoshiro256StarStar(seed);

    public ulong NextUInt64() => _generator.NextUInt64();

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => _generator.NextDouble();

    /// <summary>Uniform in [low, high).</summary>
    public double NextUniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, exclusiveMax) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "SeededRandom.NextInt needs a positive bound.");
        }

        ulong bound = (ulong)exclusiveMax;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            UInt128 product = (UInt128)NextUInt64() * bound;
            if ((ulong)product >= threshold)
            {
                return (int)(ulong)(product >> 64);
            }
        }
    }

    /// <summary>Standard normal by Box-Muller; no cached second value, so the state is only the four words.</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle of 0..n-1 into <paramref name="permutation"/>.</summary>
    public void Permute(Span<int> permutation)
    {
        for (int i = 0; i < permutation.Length; i++)
        {
            permutation[i] = i;
        }

        for (int i = permutation.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
    }

    public RandomState CaptureState() => _generator.State;

    public void RestoreState(RandomState state) => _generator = Xoshiro256StarStar.FromState(state);
}
