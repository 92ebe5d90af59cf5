namespace Releat.MarketData.Trading;

public enum OrderSide
{
    Buy,
    Sell,
}
