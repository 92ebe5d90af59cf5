namespace Releat.MarketData.Import;

/// <summary>A column of a CSV file, by header name (case-insensitive) or by 0-based position.</summary>
public readonly record struct CsvColumn
{
    private CsvColumn(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    public string? Name { get; }

    public int Index { get; }

    public static CsvColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CsvColumn(name, -1);
    }

    public static CsvColumn At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new CsvColumn(null, index);
    }

    public override string ToString() => Name ?? $"column {Index}";
}
