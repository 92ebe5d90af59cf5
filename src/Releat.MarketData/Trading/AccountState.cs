namespace Releat.MarketData.Trading;

/// <summary>
/// The account in its currency. Equity = balance + floating profit + accrued swap; free margin = equity - margin;
/// margin level = equity / margin in percent, 0 when no margin is used (as MT5 reports it).
/// </summary>
public readonly record struct AccountState(
    string Currency, double Balance, double Equity, double Margin, double FreeMargin, double MarginLevel);
