namespace Releat.Agents.Config;

/// <summary>
/// How a group's raw features become model inputs, in this order: clip at training percentiles, Yeo-Johnson power
/// transform (lambda by maximum likelihood), standardise, compress tails beyond 2 and 3, clip to ±<see cref="Clip"/>.
/// Every fitted parameter comes from the training split only.
/// </summary>
public sealed record TransformConfig(
    PercentileRange? ClipPercentiles,
    bool YeoJohnson,
    bool Standardize,
    bool CompressTails,
    double? Clip)
{
    public static TransformConfig None { get; } = new(null, false, false, false, null);

    public bool IsIdentity => ClipPercentiles is null && !YeoJohnson && !Standardize && !CompressTails && Clip is null;
}
