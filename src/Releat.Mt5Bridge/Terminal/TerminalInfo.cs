namespace Releat.Mt5Bridge.Terminal;

/// <summary>What the terminal said about its account when it connected (after logging in).</summary>
public sealed record TerminalInfo(string Login, string Server, string Company, string Currency, double Leverage, bool Hedging)
{
    /// <summary>netting, exchange or hedging (ACCOUNT_MARGIN_MODE).</summary>
    public string MarginMode { get; init; } = "hedging";

    /// <summary>demo, contest or real (ACCOUNT_TRADE_MODE).</summary>
    public string TradeMode { get; init; } = "demo";
}
