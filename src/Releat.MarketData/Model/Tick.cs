using System.Runtime.InteropServices;
using Releat.MarketData.Time;

namespace Releat.MarketData.Model;

/// <summary>
/// One price update, shaped like MT5's MqlTick: UTC milliseconds since the Unix epoch, bid, ask, last deal price,
/// deal volume and the flags saying which of them changed. Forex ticks carry zero last and volume.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Tick(long TimeMs, double Bid, double Ask, double Last, double Volume, TickFlags Flags)
{
    /// <summary>A forex quote: bid and ask both changed, no deal.</summary>
    public Tick(long timeMs, double bid, double ask)
        : this(timeMs, bid, ask, 0, 0, TickFlags.Bid | TickFlags.Ask)
    {
    }

    public double Mid => (Bid + Ask) * 0.5;

    public double Spread => Ask - Bid;

    public DateTime Time => UtcTime.ToDateTime(TimeMs);
}
