namespace Releat.Trader.Core.Journal;

/// <summary>What reading one journal line found.</summary>
internal enum JournalLineState
{
    /// <summary>Checksum and sequence number hold.</summary>
    Good,

    /// <summary>A line from before checksums: it parses, and that is all that can be said.</summary>
    Unchecked,

    /// <summary>Its checksum holds but it is not the line that belongs here.</summary>
    OutOfTurn,

    /// <summary>Torn, cut, zeroed or altered: not a record.</summary>
    Bad,
}
