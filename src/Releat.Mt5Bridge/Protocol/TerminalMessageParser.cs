namespace Releat.Mt5Bridge.Protocol;

/// <summary>Turns a received line into a <see cref="TerminalMessage"/>, as PROTOCOL.md lays each one out.</summary>
public static class TerminalMessageParser
{
    public static TerminalMessage Parse(BridgeLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Type switch
        {
            "TICK" => ParseTick(line.Expect(7)),
            "CLOCK" => new ClockMessage(line.Expect(1).Whole(1, "utc_offset_s")),
            "ACCOUNT" => ParseAccount(line.Expect(6)),
            "POSITION" => ParsePosition(line.Expect(15)),
            "POSITIONS_END" => new PositionsEndMessage(line.Expect(2).Whole64(1, "request_id"), line.Whole(2, "count")),
            "RESULT" => ParseResult(line.Expect(13)),
            "NOT_FOUND" => new NotFoundMessage(line.Expect(2).Whole64(1, "request_id"), line.Field(2, "client_order_id")),
            "ERROR" => new ErrorMessage(line.Expect(2).Whole64(1, "request_id"), line.Field(2, "reason")),
            "PONG" => new PongMessage(line.Expect(1).Field(1, "token")),
            "HELLO" => ParseHello(line.Expect(10)),
            _ => throw line.Error("unknown message type"),
        };
    }

    private static TickMessage ParseTick(BridgeLine line)
    {
        var flags = line.Whole64(7, "flags");
        if (flags is < 0 or > uint.MaxValue)
        {
            throw line.Error($"field flags (#7) is out of range: {flags}");
        }

        return new TickMessage(
            line.Field(1, "symbol"), line.Whole64(2, "time_msc"), line.Real(3, "bid"), line.Real(4, "ask"),
            line.Real(5, "last"), line.Real(6, "volume"), (uint)flags);
    }

    private static AccountMessage ParseAccount(BridgeLine line) => new(
        line.Whole64(1, "request_id"), line.Real(2, "balance"), line.Real(3, "equity"), line.Real(4, "margin"),
        line.Real(5, "free_margin"), line.Real(6, "margin_level"));

    private static PositionMessage ParsePosition(BridgeLine line) => new(
        line.Whole64(1, "request_id"), line.Whole64(2, "ticket"), line.Whole64(3, "identifier"), line.Field(4, "symbol"),
        Side(line, 5), line.Real(6, "volume"), line.Real(7, "open_price"), line.Whole64(8, "open_time_msc"),
        line.Real(9, "sl"), line.Real(10, "tp"), line.Real(11, "current_price"), line.Real(12, "profit"),
        line.Real(13, "swap"), line.Whole64(14, "magic"), line.Field(15, "comment"));

    private static ResultMessage ParseResult(BridgeLine line) => new(
        line.Whole64(1, "request_id"), line.Field(2, "client_order_id"), line.Whole(3, "retcode"), line.Whole64(4, "order"),
        line.Whole64(5, "deal"), line.Real(6, "volume"), line.Real(7, "price"), line.Whole64(8, "time_msc"),
        line.Whole64(9, "position_id"), line.Real(10, "profit"), line.Real(11, "commission"), line.Real(12, "swap"),
        line.Field(13, "comment"));

    private static HelloMessage ParseHello(BridgeLine line)
    {
        var marginMode = line.Field(8, "margin_mode");
        if (marginMode is not ("netting" or "exchange" or "hedging"))
        {
            throw line.Error($"field margin_mode (#8) must be netting, exchange or hedging, got '{marginMode}'");
        }

        var tradeMode = line.Field(9, "trade_mode");
        if (tradeMode is not ("demo" or "contest" or "real"))
        {
            throw line.Error($"field trade_mode (#9) must be demo, contest or real, got '{tradeMode}'");
        }

        return new HelloMessage(
            line.Whole(1, "version"), line.Field(2, "proof"), line.Field(3, "login"), line.Field(4, "server"),
            line.Field(5, "company"), line.Field(6, "currency"), line.Real(7, "leverage"), marginMode, tradeMode,
            line.Whole(10, "utc_offset_s"));
    }

    private static bool Side(BridgeLine line, int index) => line.Field(index, "side") switch
    {
        "buy" => true,
        "sell" => false,
        var other => throw line.Error($"field side (#{index}) must be buy or sell, got '{other}'"),
    };
}
