namespace Releat.Trader.Core.Orders;

public enum OrderIntentKind
{
    Open,
    Close,
}
