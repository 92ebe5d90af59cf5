namespace Releat.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a Weyl sequence through a 64-bit finaliser. It seeds
/// <see cref="Xoshiro256StarStar"/> and mixes the keys of <see cref="KeyedDraw"/>.
/// </summary>
public static class SplitMix64
{
    /// <summary>The Weyl sequence's step, 2^64 divided by the golden ratio.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Steps the state and returns its mixed value.</summary>
    public static ulong Next(ref ulong state) => Mix(state += Gamma);

    /// <summary>The finaliser: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
