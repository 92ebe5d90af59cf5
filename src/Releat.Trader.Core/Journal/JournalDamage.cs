namespace Releat.Trader.Core.Journal;

/// <summary>
/// The first line of a journal that is not a good record: its number, where it starts, what is wrong, and whether
/// it is only the tail (nothing readable after it: a write cut short by a crash, recovered by cutting it off).
/// </summary>
public sealed record JournalDamage(long Line, long Offset, string What, bool AtTail, long LinesFromHere);
