namespace Releat.Randomness;

/// <summary>
/// Draws that depend only on a seed, a key and a counter, not on how many draws came before (counter-based, as
/// Salmon et al.'s Philox and Threefry are, with SplitMix64's finaliser as the mixing function). An order's slippage
/// keyed by its client order id is then the same in a backtest, a paper replay and the training environment, whatever
/// else was traded around it. Allocates nothing.
/// </summary>
public static class KeyedDraw
{
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary>64 random bits for (seed, key, counter).</summary>
    public static ulong Bits(ulong seed, ReadOnlySpan<char> key, ulong counter)
    {
        // FNV-1a folds the key into one word; the finaliser then spreads it, the seed and the counter over all bits.
        ulong hash = FnvOffsetBasis;
        foreach (char c in key)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        ulong keyed = SplitMix64.Mix(seed ^ SplitMix64.Mix(hash));
        return SplitMix64.Mix(keyed + ((counter + 1) * SplitMix64.Gamma));
    }

    /// <summary>A uniform integer in [0, exclusiveMax) for (seed, key, counter), by a multiply-shift of 32 random bits.</summary>
    public static int Below(int exclusiveMax, ulong seed, ReadOnlySpan<char> key, ulong counter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)(((Bits(seed, key, counter) >> 32) * (ulong)exclusiveMax) >> 32);
    }
}
