using Releat.Randomness;

namespace Releat.MarketData.Trading;

/// <summary>
/// How many points worse than the quote a market order fills: none, a fixed number, or a seeded random number
/// from 0 to a maximum. The random number is drawn for the order's client order id and fill number
/// (<see cref="KeyedDraw"/>), not from a running stream: the same order slips the same wherever it is simulated,
/// whatever other orders were sent before it.
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

    /// <summary>The slippage of an order's <paramref name="fill"/>-th fill (0 for its first).</summary>
    public int PointsFor(string clientOrderId, int fill) =>
        IsRandom ? KeyedDraw.Below(Points + 1, Seed, clientOrderId, (ulong)fill) : Points;

    public static SlippageModel Fixed(int points) => new(points, false, 0);

    public static SlippageModel UpTo(int maxPoints, ulong seed) => new(maxPoints, true, seed);
}
