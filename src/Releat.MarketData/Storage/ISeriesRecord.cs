namespace Releat.MarketData.Storage;

/// <summary>
/// A fixed-size, blittable record of a series file. Records are ordered by <see cref="OrderKey"/> (time, then a
/// sequence for records sharing a millisecond) and carry their own checksum in their last four bytes.
/// </summary>
public interface ISeriesRecord<TSelf>
    where TSelf : unmanaged, ISeriesRecord<TSelf>
{
    static abstract SeriesKind Kind { get; }

    long TimeMs { get; }

    /// <summary>(TimeMs &lt;&lt; 16) | sequence: strictly increasing within a series.</summary>
    long OrderKey { get; }

    /// <summary>True when the stored checksum matches the record's bytes.</summary>
    bool IsIntact { get; }
}
