namespace Releat.MarketData.Trading;

/// <summary>
/// A market order. The client order id makes sending idempotent: the same id again returns the first order's
/// result and trades nothing. <see cref="PositionId"/> names the position a closing order reduces (hedging; in
/// netting mode it must be the symbol's position). Stop loss and take profit are prices, 0 for none.
/// </summary>
public sealed record OrderRequest
{
    public required string ClientOrderId { get; init; }

    public required string Symbol { get; init; }

    public required OrderSide Side { get; init; }

    /// <summary>Lots.</summary>
    public required double Volume { get; init; }

    public double StopLoss { get; init; }

    public double TakeProfit { get; init; }

    /// <summary>0 opens (hedging) or nets (netting); otherwise the position to reduce or close.</summary>
    public long PositionId { get; init; }

    /// <summary>The price the trader saw; with <see cref="DeviationPoints"/> a worse fill is a requote.</summary>
    public double RequestedPrice { get; init; }

    /// <summary>Largest acceptable distance of the fill from <see cref="RequestedPrice"/>, in points; null accepts any.</summary>
    public int? DeviationPoints { get; init; }

    public string Comment { get; init; } = "";
}
