namespace Releat.Features.Drivers;

/// <summary>
/// One chunk of a batch build: it emits decisions in [Start, End) (both on the decision grid) that are before
/// <see cref="RangeEnd"/>, and reads ticks from <see cref="WarmupStart"/>: the full lookback plus one step, so the
/// engine is warm at Start and every window it emits from holds exactly the ticks a single long run would hold.
/// </summary>
internal readonly record struct ChunkBounds(long WarmupStart, long Start, long End, long RangeEnd)
{
    public bool Emits(long decisionTimeMs) => decisionTimeMs >= Start && decisionTimeMs < End && decisionTimeMs < RangeEnd;
}
