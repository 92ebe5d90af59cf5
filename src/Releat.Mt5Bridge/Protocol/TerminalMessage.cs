namespace Releat.Mt5Bridge.Protocol;

// The terminal's messages are a closed family of small records that mirror PROTOCOL.md table rows; they sit in
// one file so the whole vocabulary reads in one place.

/// <summary>A message from the terminal, after parsing. Times are still in the trade server's clock.</summary>
public abstract record TerminalMessage;

/// <summary>
/// The EA's introduction, sent only once the terminal is logged in. <see cref="MarginMode"/> is netting, exchange or
/// hedging (ACCOUNT_MARGIN_MODE); <see cref="TradeMode"/> is demo, contest or real (ACCOUNT_TRADE_MODE).
/// </summary>
public sealed record HelloMessage(
    int Version, string Proof, string Login, string Server, string Company, string Currency, double Leverage,
    string MarginMode, string TradeMode, int UtcOffsetSeconds) : TerminalMessage
{
    public bool Hedging => MarginMode == "hedging";

    public bool RealMoney => TradeMode == "real";
}

public sealed record TickMessage(
    string Symbol, long ServerTimeMs, double Bid, double Ask, double Last, double Volume, uint Flags) : TerminalMessage;

public sealed record ClockMessage(int UtcOffsetSeconds) : TerminalMessage;

public sealed record AccountMessage(
    long RequestId, double Balance, double Equity, double Margin, double FreeMargin, double MarginLevel) : TerminalMessage;

/// <summary>
/// One open position. <see cref="Ticket"/> is POSITION_TICKET, <see cref="Identifier"/> POSITION_IDENTIFIER: the
/// identifier never changes for the life of the position (deals carry it as DEAL_POSITION_ID), the ticket may.
/// </summary>
public sealed record PositionMessage(
    long RequestId, long Ticket, long Identifier, string Symbol, bool IsBuy, double Volume, double OpenPrice,
    long OpenServerTimeMs, double StopLoss, double TakeProfit, double CurrentPrice, double Profit, double Swap, long Magic,
    string Comment) : TerminalMessage;

public sealed record PositionsEndMessage(long RequestId, int Count) : TerminalMessage;

/// <summary>
/// The outcome of an ORDER, CLOSE or FIND, for <see cref="ClientOrderId"/>. <see cref="Retcode"/> is MT5's trade
/// return code; <see cref="PositionId"/> is the position identifier the deals belong to; <see cref="Volume"/>,
/// <see cref="Price"/>, <see cref="Profit"/>, <see cref="Commission"/> and <see cref="Swap"/> sum (price: volume-weight)
/// the deals of the order, as MT5 books them (commission and swap negative when charged).
/// </summary>
public sealed record ResultMessage(
    long RequestId, string ClientOrderId, int Retcode, long Order, long Deal, double Volume, double Price, long ServerTimeMs,
    long PositionId, double Profit, double Commission, double Swap, string Comment) : TerminalMessage
{
    public const int Done = TradeRetcodes.Done;

    /// <summary>A fill the gateway may book: done or partly done, with a volume and the position it belongs to.</summary>
    public bool Succeeded => Retcode is TradeRetcodes.Done or TradeRetcodes.DonePartial && PositionId != 0 && Volume > 0;
}

/// <summary>Answer to FIND: the terminal has no trace of this client order id (memory, orders, positions, history).</summary>
public sealed record NotFoundMessage(long RequestId, string ClientOrderId) : TerminalMessage;

/// <summary>The EA could not carry out a command (malformed, unknown symbol); the request is answered at once.</summary>
public sealed record ErrorMessage(long RequestId, string Reason) : TerminalMessage;

public sealed record PongMessage(string Token) : TerminalMessage;
