namespace Releat.Trader.Core.Journal;

/// <summary>What a repair did: the scan it acted on and the copy of the old file (null when there was nothing to mend).</summary>
public sealed record JournalRepairOutcome(JournalScan Scan, string? Copy);
