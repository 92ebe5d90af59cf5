using System.Runtime.InteropServices;
using Releat.MarketData.Time;

namespace Releat.MarketData.Model;

/// <summary>
/// One period of prices (opening time in UTC milliseconds) with MT5's volume fields: tick count, real volume and
/// the spread in points (0 when the source does not give one).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Candle(
    long TimeMs,
    double Open,
    double High,
    double Low,
    double Close,
    long TickVolume,
    double Volume,
    int SpreadPoints)
{
    public DateTime Time => UtcTime.ToDateTime(TimeMs);

    /// <summary>True when high and low bound open and close, as any real candle does.</summary>
    public bool IsConsistent => High >= Low && High >= Open && High >= Close && Low <= Open && Low <= Close;
}
