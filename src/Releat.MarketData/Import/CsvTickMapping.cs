namespace Releat.MarketData.Import;

/// <summary>
/// How to read ticks from an arbitrary CSV: which column holds the time and in what layout (see
/// <see cref="TimestampFormat"/>; a separate date column is joined to the time with a space), and either bid and
/// ask columns or a single price column. A single price is read as the bid; the ask is the bid plus the spread
/// column (in points of the symbol) or <see cref="DefaultSpreadPoints"/>. The file's time zone is
/// <see cref="ImportOptions.TimeZoneId"/>.
/// </summary>
public sealed record CsvTickMapping
{
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first line names the columns; required when columns are given by name.</summary>
    public bool HasHeader { get; init; } = true;

    public required CsvColumn Time { get; init; }

    /// <summary>Layout of the time column, or of "date time" when <see cref="Date"/> is set.</summary>
    public required string TimeFormat { get; init; }

    public CsvColumn? Date { get; init; }

    public CsvColumn? Bid { get; init; }

    public CsvColumn? Ask { get; init; }

    /// <summary>A single price column, read as the bid.</summary>
    public CsvColumn? Price { get; init; }

    /// <summary>Spread in points, added to the price column to make the ask.</summary>
    public CsvColumn? SpreadPoints { get; init; }

    public double DefaultSpreadPoints { get; init; }

    public CsvColumn? Volume { get; init; }

    /// <summary>Throws naming the field when the mapping cannot describe ticks.</summary>
    public void Validate()
    {
        bool bidAsk = Bid is not null && Ask is not null;
        if (bidAsk == (Price is not null))
        {
            throw new ArgumentException("a CSV tick mapping needs either Bid and Ask columns or a Price column, not both");
        }

        if (bidAsk && SpreadPoints is not null)
        {
            throw new ArgumentException("SpreadPoints only applies to a Price column; with Bid and Ask the spread is known");
        }

        if (DefaultSpreadPoints < 0)
        {
            throw new ArgumentException($"DefaultSpreadPoints must not be negative, was {DefaultSpreadPoints}");
        }

        if (!HasHeader && Columns().Any(c => c.Name is not null))
        {
            throw new ArgumentException("columns given by name need HasHeader = true");
        }
    }

    internal IEnumerable<CsvColumn> Columns()
    {
        CsvColumn?[] all = [Time, Date, Bid, Ask, Price, SpreadPoints, Volume];
        return all.Where(c => c is not null).Select(c => c!.Value);
    }
}
