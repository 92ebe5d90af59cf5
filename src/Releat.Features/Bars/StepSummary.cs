namespace Releat.Features.Bars;

/// <summary>
/// Everything the engine keeps about one decision step of one symbol: the exact sums plus the extremes and the
/// first and last mid price (half-points; meaningful only when the step has ticks).
/// </summary>
internal struct StepSummary
{
    public StepSums Sums;
    public long Low;
    public long High;
    public long Open;
    public long Close;

    public readonly bool IsEmpty => Sums.Count == 0;
}
