using System.Globalization;
using System.Text;

namespace Releat.Mt5Bridge.Protocol;

/// <summary>Formats the lines the gateway sends to the terminal (PROTOCOL.md, "Gateway → terminal").</summary>
public static class GatewayCommands
{
    /// <summary>MT5 keeps at most 31 characters of an order comment, which carries the client order id.</summary>
    public const int MaxClientOrderIdLength = 31;

    public static string Challenge(string nonceHex) =>
        Line("CHALLENGE", BridgeHandshake.ProtocolVersion.ToString(CultureInfo.InvariantCulture), nonceHex);

    public static string Welcome() => "WELCOME\n";

    public static string Denied(string reason) => Line("DENIED", Clean(reason));

    public static string Subscribe(IEnumerable<string> symbols) => Line(["SUBSCRIBE", .. symbols.Select(Symbol)]);

    public static string Order(
        long requestId, string clientOrderId, string symbol, bool buy, double volume, double stopLoss, double takeProfit, long magic) =>
        Line("ORDER", Id(requestId), ClientOrderId(clientOrderId), Symbol(symbol), buy ? "buy" : "sell", Number(volume),
            Number(stopLoss), Number(takeProfit), magic.ToString(CultureInfo.InvariantCulture));

    /// <summary>Closes by position identifier (POSITION_IDENTIFIER); the EA finds the position's current ticket.</summary>
    public static string Close(long requestId, string clientOrderId, long positionId, double volume) =>
        Line("CLOSE", Id(requestId), ClientOrderId(clientOrderId), positionId.ToString(CultureInfo.InvariantCulture), Number(volume));

    /// <summary>Asks what became of a client order id: answered by RESULT (it traded or is placed) or NOT_FOUND.</summary>
    public static string Find(long requestId, string clientOrderId) => Line("FIND", Id(requestId), ClientOrderId(clientOrderId));

    public static string GetPositions(long requestId) => Line("GET_POSITIONS", Id(requestId));

    public static string GetAccount(long requestId) => Line("GET_ACCOUNT", Id(requestId));

    public static string Ping(string token) => Line("PING", Clean(token));

    /// <summary>Checks an id the terminal can store as an order comment and find again after a restart.</summary>
    public static string ClientOrderId(string clientOrderId)
    {
        if (string.IsNullOrEmpty(clientOrderId) || clientOrderId.Length > MaxClientOrderIdLength
            || clientOrderId.Any(c => c is '\t' or '\n' or '\r' || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"client_order_id must be 1 to {MaxClientOrderIdLength} printable characters for MT5, got '{clientOrderId}'",
                nameof(clientOrderId));
        }

        return clientOrderId;
    }

    private static string Symbol(string symbol) =>
        !string.IsNullOrWhiteSpace(symbol) && !symbol.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? symbol
            : throw new ArgumentException($"'{symbol}' is not a symbol name", nameof(symbol));

    private static string Id(long requestId) => requestId.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(value), value, "must be finite");

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string Line(params string[] fields)
    {
        var builder = new StringBuilder();
        builder.AppendJoin('\t', fields).Append('\n');
        return builder.ToString();
    }
}
