namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>What a generated row of an import file is: good, blank (not a row), or broken in one known way.</summary>
public enum RowKind
{
    Good,
    Blank,
    WrongColumnCount,
    BadNumber,
    NotANumber,
    NonPositivePrice,
    NegativeVolume,
    InconsistentPrices,
    BadDate,
    OutOfOrder,
    Duplicate,
    Garbage,
}
