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
            "POSITION" => ParsePosition(line.Expect(14)),
            "POSITIONS_END" => new PositionsEndMessage(line.Expect(2).Whole64(1, "request_id"), line.Whole(2, "count")),
            "RESULT" => ParseResult(line.Expect(9)),
            "PONG" => new PongMessage(line.Expect(1).Field(1, "token")),
            "HELLO" => ParseHello(line.Expect(9)),
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
        line.Whole64(1, "request_id"), line.Whole64(2, "ticket"), line.Field(3, "symbol"), Side(line, 4),
        line.Real(5, "volume"), line.Real(6, "open_price"), line.Whole64(7, "open_time_msc"), line.Real(8, "sl"),
        line.Real(9, "tp"), line.Real(10, "current_price"), line.Real(11, "profit"), line.Real(12, "swap"),
        line.Whole64(13, "magic"), line.Field(14, "comment"));

    private static ResultMessage ParseResult(BridgeLine line) => new(
        line.Whole64(1, "request_id"), line.Whole(2, "retcode"), line.Whole64(3, "order"), line.Whole64(4, "deal"),
        line.Real(5, "volume"), line.Real(6, "price"), line.Whole64(7, "time_msc"), line.Whole64(8, "position_ticket"),
        line.Field(9, "comment"));

    private static HelloMessage ParseHello(BridgeLine line)
    {
        var mode = line.Field(8, "mode");
        if (mode is not ("netting" or "hedging"))
        {
            throw line.Error($"field mode (#8) must be netting or hedging, got '{mode}'");
        }

        return new HelloMessage(
            line.Whole(1, "version"), line.Field(2, "proof"), line.Field(3, "login"), line.Field(4, "server"),
            line.Field(5, "company"), line.Field(6, "currency"), line.Real(7, "leverage"), mode == "hedging",
            line.Whole(9, "utc_offset_s"));
    }

    private static bool Side(BridgeLine line, int index) => line.Field(index, "side") switch
    {
        "buy" => true,
        "sell" => false,
        var other => throw line.Error($"field side (#{index}) must be buy or sell, got '{other}'"),
    };
}
