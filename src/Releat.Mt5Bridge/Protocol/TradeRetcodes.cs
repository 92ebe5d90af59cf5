namespace Releat.Mt5Bridge.Protocol;

/// <summary>
/// MT5's trade return codes (MqlTradeResult.retcode) the bridge treats specially, and what each says about whether a
/// trade happened: only a fill is booked, only a definite refusal is final, everything else is asked about again.
/// </summary>
public static class TradeRetcodes
{
    public const int Requote = 10004;
    public const int Placed = 10008;
    public const int Done = 10009;
    public const int DonePartial = 10010;
    public const int Error = 10011;
    public const int Timeout = 10012;
    public const int Invalid = 10013;
    public const int InvalidVolume = 10014;
    public const int PriceChanged = 10020;
    public const int PriceOff = 10021;
    public const int NoConnection = 10031;
    public const int PositionClosed = 10036;

    /// <summary>What a RESULT's retcode means for the order.</summary>
    public static RetcodeMeaning Meaning(int retcode) => retcode switch
    {
        Done => RetcodeMeaning.Filled,
        DonePartial => RetcodeMeaning.PartlyFilled,
        Placed => RetcodeMeaning.Pending,
        Requote or PriceChanged or PriceOff => RetcodeMeaning.Transient,
        0 or Error or Timeout or NoConnection => RetcodeMeaning.Unknown,
        _ => RetcodeMeaning.Refused,
    };
}

/// <summary>How the bridge reads a retcode.</summary>
public enum RetcodeMeaning
{
    /// <summary>Done: the whole volume was dealt.</summary>
    Filled,

    /// <summary>Done in part; the rest may still fill (or was cancelled): asked about again on a retry.</summary>
    PartlyFilled,

    /// <summary>Placed but not yet dealt: asked about again until the order's deadline.</summary>
    Pending,

    /// <summary>The price moved (requote, price changed, off quotes): nothing traded, sending again may work.</summary>
    Transient,

    /// <summary>Timeout, no connection, error or no code: it may have traded, so the terminal is asked.</summary>
    Unknown,

    /// <summary>A definite refusal (no money, invalid volume, market closed...): nothing traded.</summary>
    Refused,
}
