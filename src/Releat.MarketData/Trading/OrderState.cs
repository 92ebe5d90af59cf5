namespace Releat.MarketData.Trading;

public enum OrderState
{
    /// <summary>Accepted, waiting for the next tick after it reaches the market.</summary>
    Submitted,

    PartiallyFilled,

    Filled,

    Rejected,
}
