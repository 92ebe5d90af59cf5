namespace Releat.MarketData.Trading;

/// <summary>Why (part of) a position was closed.</summary>
public enum CloseReason
{
    /// <summary>An order from the trader (a closing order, or an opposite order in netting mode).</summary>
    Client,

    StopLoss,

    TakeProfit,

    /// <summary>Closed by the broker because the margin level fell to the stop-out level.</summary>
    StopOut,
}
