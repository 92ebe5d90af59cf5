namespace Releat.Trading;

/// <summary>
/// One closed trade (or the closed part of a position): signed units closed, entry and exit quotes, when, why, and
/// the result in pips: per unit before costs, and in total after commission.
/// </summary>
public readonly record struct TradeRecord(
    long OpenedMs,
    long ClosedMs,
    int Units,
    double EntryPrice,
    double ExitPrice,
    double PipsPerUnit,
    double NetPips,
    ExitReason Reason);
