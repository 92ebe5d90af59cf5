namespace Releat.Mt5Bridge.Terminal;

/// <summary>What the terminal said about its account when it connected.</summary>
public sealed record TerminalInfo(string Login, string Server, string Company, string Currency, double Leverage, bool Hedging);
