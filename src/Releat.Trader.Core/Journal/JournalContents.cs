namespace Releat.Trader.Core.Journal;

/// <summary>
/// What a journal file holds: its readable entries, the length they end at, and the torn last line a crash
/// mid-write left behind (null when the file ends cleanly).
/// </summary>
public sealed record JournalContents(IReadOnlyList<JournalEntry> Entries, long ValidLength, string? TornTail);
