namespace Releat.MarketData.Import;

/// <summary>Why an imported row was not stored.</summary>
public enum RejectReason
{
    /// <summary>The row's fields are not the number the format has.</summary>
    WrongColumnCount,

    /// <summary>The date or time does not parse, is out of range, or does not exist in the source time zone.</summary>
    BadDate,

    /// <summary>A number field does not parse.</summary>
    BadNumber,

    /// <summary>A price or volume is NaN or infinite.</summary>
    NotANumber,

    /// <summary>A bid, ask or candle price is zero or negative (or a last price is negative).</summary>
    NonPositivePrice,

    /// <summary>A volume is negative.</summary>
    NegativeVolume,

    /// <summary>Ask below bid.</summary>
    AskBelowBid,

    /// <summary>High below low, or open/close outside [low, high].</summary>
    InconsistentCandle,

    /// <summary>Earlier than the previous row of the file.</summary>
    OutOfOrder,

    /// <summary>The same tick as the previous row (time and every value), or a second candle at the same time.</summary>
    Duplicate,

    /// <summary>More ticks in one millisecond than the store can number (65,536).</summary>
    TooManyInOneMillisecond,

    /// <summary>
    /// Not an error: at or before the newest (time, sequence) already in the store, so importing a file twice
    /// stores nothing twice.
    /// </summary>
    AlreadyStored,
}
