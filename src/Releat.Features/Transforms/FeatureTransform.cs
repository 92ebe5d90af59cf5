namespace Releat.Features.Transforms;

/// <summary>
/// The fitted transform of one observation column, applied in this order: clip to [ClipLower, ClipUpper] (training
/// percentiles), Yeo-Johnson with <see cref="Lambda"/>, standardise with <see cref="Mean"/> and
/// <see cref="StdDev"/>, compress tails, clip to ±<see cref="Clip"/>. A column that was constant in training
/// (<see cref="Constant"/>) always maps to 0. Both drivers call <see cref="Apply"/> on the raw float, so training
/// data and live observations go through the same arithmetic.
/// </summary>
public sealed record FeatureTransform(
    string Column,
    double? ClipLower,
    double? ClipUpper,
    double? Lambda,
    double? Mean,
    double? StdDev,
    bool CompressTails,
    double? Clip,
    bool Constant)
{
    public static FeatureTransform Identity(string column) => new(column, null, null, null, null, null, false, null, false);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsIdentity => ClipLower is null && ClipUpper is null && Lambda is null && Mean is null && !CompressTails && Clip is null && !Constant;

    public float Apply(float raw)
    {
        if (Constant)
        {
            return 0f;
        }

        double x = raw;
        if (ClipLower is { } lower && x < lower)
        {
            x = lower;
        }

        if (ClipUpper is { } upper && x > upper)
        {
            x = upper;
        }

        if (Lambda is { } lambda)
        {
            x = YeoJohnson.Transform(x, lambda);
        }

        if (Mean is { } mean && StdDev is { } std)
        {
            x = (x - mean) / std;
        }

        if (CompressTails)
        {
            x = TailCompression.Compress(x);
        }

        if (Clip is { } clip)
        {
            x = Math.Clamp(x, -clip, clip);
        }

        return (float)x;
    }
}
