namespace Releat.MarketData.Trading;

/// <summary>MT5's trade server return codes (TRADE_RETCODE_*), with their numeric values.</summary>
public enum TradeRetcode
{
    Requote = 10004,
    Reject = 10006,
    Cancel = 10007,
    Placed = 10008,
    Done = 10009,
    DonePartial = 10010,
    Error = 10011,
    Timeout = 10012,
    Invalid = 10013,
    InvalidVolume = 10014,
    InvalidPrice = 10015,
    InvalidStops = 10016,
    TradeDisabled = 10017,
    MarketClosed = 10018,
    NoMoney = 10019,
    PriceChanged = 10020,
    PriceOff = 10021,
    TooManyRequests = 10024,
    NoChanges = 10025,
    PositionClosed = 10036,
    InvalidCloseVolume = 10038,
    LimitPositions = 10040,
}
