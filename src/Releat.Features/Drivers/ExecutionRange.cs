namespace Releat.Features.Drivers;

/// <summary>
/// Where the traded symbol's bid and ask went during the execution window after a decision (from the decision
/// time to the next one): what a fill could have got. With no tick in the window, all four are the last quote.
/// </summary>
public readonly record struct ExecutionRange(double BidLow, double BidHigh, double AskLow, double AskHigh);
