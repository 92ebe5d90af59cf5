namespace Releat.Trader.Core.Journal;

/// <summary>
/// A whole journal file checked line by line: the entries of its longest valid prefix and where that prefix ends,
/// how many lines carried a checksum (journals written before checksums have none), and the first damage, if any.
/// </summary>
public sealed record JournalScan(
    string Path,
    long FileLength,
    IReadOnlyList<JournalEntry> Entries,
    long ValidLength,
    long CheckedLines,
    long UncheckedLines,
    JournalDamage? Damage)
{
    /// <summary>True when the file can be used as it is, or after cutting a torn tail.</summary>
    public bool Usable => Damage is null || Damage.AtTail;
}
