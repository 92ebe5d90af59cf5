namespace Releat.MarketData.Trading;

/// <summary>MT5's two position accounting modes.</summary>
public enum AccountMode
{
    /// <summary>One position per symbol: orders add to, reduce or reverse it.</summary>
    Netting,

    /// <summary>Every opening order makes its own position; closing names the position.</summary>
    Hedging,
}
