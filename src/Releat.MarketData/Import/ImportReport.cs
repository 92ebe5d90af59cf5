using System.Globalization;
using System.Text;

namespace Releat.MarketData.Import;

/// <summary>What an import stored and what it skipped, by reason, with the first bad rows in detail.</summary>
public sealed class ImportReport
{
    internal ImportReport(
        string file,
        long rows,
        long stored,
        IReadOnlyDictionary<RejectReason, long> skipped,
        IReadOnlyList<ImportError> errors,
        long firstStoredMs,
        long lastStoredMs)
    {
        File = file;
        Rows = rows;
        Stored = stored;
        SkippedByReason = skipped;
        Errors = errors;
        FirstStoredMs = firstStoredMs;
        LastStoredMs = lastStoredMs;
    }

    public string File { get; }

    /// <summary>Data rows read (header and blank lines excluded).</summary>
    public long Rows { get; }

    public long Stored { get; }

    /// <summary>Non-zero counts only.</summary>
    public IReadOnlyDictionary<RejectReason, long> SkippedByReason { get; }

    /// <summary>The first bad rows (up to <see cref="ImportOptions.MaxErrorsKept"/>); already-stored rows are not errors.</summary>
    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>Time of the first stored row; long.MinValue if nothing was stored.</summary>
    public long FirstStoredMs { get; }

    public long LastStoredMs { get; }

    public long Skipped => SkippedByReason.Values.Sum();

    public long AlreadyStored => Count(RejectReason.AlreadyStored);

    /// <summary>Rows rejected as bad (everything skipped except already-stored ones).</summary>
    public long Rejected => Skipped - AlreadyStored;

    public long Count(RejectReason reason) => SkippedByReason.TryGetValue(reason, out long n) ? n : 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{File}: {Rows} rows, stored {Stored}, skipped {Skipped}");
        if (SkippedByReason.Count > 0)
        {
            text.Append(" (");
            text.AppendJoin(", ", SkippedByReason.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
            text.Append(')');
        }

        return text.ToString();
    }
}
