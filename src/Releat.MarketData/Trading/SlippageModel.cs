namespace Releat.MarketData.Trading;

/// <summary>
/// How many points worse than the quote a market order fills: none, a fixed number, or a seeded random number
/// from 0 to a maximum (same seed, same slippage sequence).
/// </summary>
public sealed record SlippageModel
{
    private SlippageModel(int points, bool random, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Points = points;
        IsRandom = random;
        Seed = seed;
    }

    public static SlippageModel None { get; } = new(0, false, 0);

    /// <summary>The fixed slippage, or the maximum of the random one.</summary>
    public int Points { get; }

    public bool IsRandom { get; }

    public ulong Seed { get; }

    public static SlippageModel Fixed(int points) => new(points, false, 0);

    public static SlippageModel UpTo(int maxPoints, ulong seed) => new(maxPoints, true, seed);
}
