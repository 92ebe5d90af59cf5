namespace Releat.Mt5Bridge.Protocol;

// The terminal's messages are a closed family of small records that mirror PROTOCOL.md table rows; they sit in
// one file so the whole vocabulary reads in one place.

/// <summary>A message from the terminal, after parsing. Times are still in the trade server's clock.</summary>
public abstract record TerminalMessage;

public sealed record HelloMessage(
    int Version, string Proof, string Login, string Server, string Company, string Currency, double Leverage,
    bool Hedging, int UtcOffsetSeconds) : TerminalMessage;

public sealed record TickMessage(
    string Symbol, long ServerTimeMs, double Bid, double Ask, double Last, double Volume, uint Flags) : TerminalMessage;

public sealed record ClockMessage(int UtcOffsetSeconds) : TerminalMessage;

public sealed record AccountMessage(
    long RequestId, double Balance, double Equity, double Margin, double FreeMargin, double MarginLevel) : TerminalMessage;

public sealed record PositionMessage(
    long RequestId, long Ticket, string Symbol, bool IsBuy, double Volume, double OpenPrice, long OpenServerTimeMs,
    double StopLoss, double TakeProfit, double CurrentPrice, double Profit, double Swap, long Magic, string Comment)
    : TerminalMessage;

public sealed record PositionsEndMessage(long RequestId, int Count) : TerminalMessage;

/// <summary>The outcome of an ORDER or CLOSE; <see cref="Retcode"/> is MT5's trade return code (10009 = done).</summary>
public sealed record ResultMessage(
    long RequestId, int Retcode, long Order, long Deal, double Volume, double Price, long ServerTimeMs,
    long PositionTicket, string Comment) : TerminalMessage
{
    public const int Done = 10009;

    public bool Succeeded => Retcode == Done;
}

public sealed record PongMessage(string Token) : TerminalMessage;
