namespace Releat.MarketData.Trading;

/// <summary>
/// An open position as it stands: size, average open price, stops, and its floating profit, swap, commission
/// and margin in the account currency.
/// </summary>
public readonly record struct Position(
    long Id,
    string Symbol,
    OrderSide Side,
    double Volume,
    double OpenPrice,
    long OpenTimeMs,
    double StopLoss,
    double TakeProfit,
    double Profit,
    double Swap,
    double Commission,
    double Margin);
