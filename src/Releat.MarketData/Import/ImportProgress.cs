namespace Releat.MarketData.Import;

/// <summary>How far a long import has got; a CLI draws its bar from <see cref="Fraction"/>.</summary>
public readonly record struct ImportProgress(string File, long BytesRead, long TotalBytes, long Lines, long Stored, long Skipped)
{
    public double Fraction => TotalBytes <= 0 ? 1 : Math.Clamp((double)BytesRead / TotalBytes, 0, 1);
}
