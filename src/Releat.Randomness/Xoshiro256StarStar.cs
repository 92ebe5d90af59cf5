namespace Releat.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64: fast, four words of state that can be read and
/// restored, and the same stream for the same seed on every machine. It is the project's only generator: the
/// distributions built on it (uniform, Gaussian, integers) live with their users, so that each keeps the stream its
/// results were made with. Written here because System.Random cannot expose or restore its state, which a checkpointed
/// training run needs to resume bit for bit.
/// A mutable struct: keep it in a field and call it through that field, never through a copy.
/// </summary>
public struct Xoshiro256StarStar
{
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Starts the stream from a seed; SplitMix64 spreads even tiny seeds over all four words.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64.Next(ref x);
        _s1 = SplitMix64.Next(ref x);
        _s2 = SplitMix64.Next(ref x);
        _s3 = SplitMix64.Next(ref x);
    }

    /// <summary>The generator in a state read earlier with <see cref="State"/>.</summary>
    public static Xoshiro256StarStar FromState(RandomState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
        {
            throw new ArgumentException("An all-zero xoshiro256** state never leaves zero.", nameof(state));
        }

        return new Xoshiro256StarStar { _s0 = state.S0, _s1 = state.S1, _s2 = state.S2, _s3 = state.S3 };
    }

    public readonly RandomState State => new(_s0, _s1, _s2, _s3);

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>Uniform in (0, 1] with 53 random bits: safe to take the logarithm of.</summary>
    public double NextPositiveDouble() => ((NextUInt64() >> 11) + 1) * UnitScale;
}

/// <summary>The four words of a <see cref="Xoshiro256StarStar"/> generator, as checkpoints store them.</summary>
public readonly record struct RandomState(ulong S0, ulong S1, ulong S2, ulong S3);
