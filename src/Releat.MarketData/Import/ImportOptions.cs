namespace Releat.MarketData.Import;

/// <summary>Settings shared by every importer.</summary>
public sealed record ImportOptions
{
    public static ImportOptions Default { get; } = new();

    /// <summary>
    /// IANA id of the clock the file was written in (MT5 exports use the broker's server time, often
    /// "Europe/Athens"-like); null means the file is already UTC. Times are converted to UTC with
    /// <see cref="TimeZoneInfo"/>; a local time that does not exist (clocks moved forward) is a BadDate row, and
    /// an ambiguous one (clocks moved back) is read as standard time.
    /// </summary>
    public string? TimeZoneId { get; init; }

    /// <summary>How many <see cref="ImportError"/>s the report keeps; the counts always cover every row.</summary>
    public int MaxErrorsKept { get; init; } = 1000;

    /// <summary>Lines between progress reports and cancellation checks.</summary>
    public int ProgressEveryLines { get; init; } = 1 << 16;
}
