namespace Releat.MarketData.Storage;

/// <summary>
/// Finds where the intact records of a file end. Appends go out in batches of at most
/// <see cref="SeriesFileAppender{T}.BatchRecords"/> records, so a crash can only damage the last batches: the
/// check covers the last <see cref="Window"/> records (bad checksum, zeros, or a key not above its predecessor)
/// and everything before it is trusted as written.
/// </summary>
internal static class TornTail
{
    public const int Window = 2 * SeriesFileAppender<TickRecord>.BatchRecords;

    /// <summary>How many leading records are intact.</summary>
    public static int IntactLength<T>(ReadOnlySpan<T> records)
        where T : unmanaged, ISeriesRecord<T>
    {
        int start = Math.Max(0, records.Length - Window);
        long previousKey = start > 0 ? records[start - 1].OrderKey : long.MinValue;
        for (int i = start; i < records.Length; i++)
        {
            if (!records[i].IsIntact || records[i].OrderKey <= previousKey)
            {
                return i;
            }

            previousKey = records[i].OrderKey;
        }

        return records.Length;
    }
}
