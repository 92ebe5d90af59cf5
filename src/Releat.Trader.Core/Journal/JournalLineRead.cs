namespace Releat.Trader.Core.Journal;

/// <summary>A line's state, its entry when it parsed, and what is wrong with it.</summary>
internal readonly record struct JournalLineRead(JournalLineState State, JournalEntry? Entry, string? Problem)
{
    public static JournalLineRead Bad(string problem) => new(JournalLineState.Bad, null, problem);
}
