using System.Diagnostics.CodeAnalysis;

namespace Releat.MarketData.Model;

/// <summary>
/// What changed in a tick, with MT5's TICK_FLAG_* bit values so ticks from the terminal need no translation.
/// </summary>
[Flags]
[SuppressMessage("Naming", "CA1711", Justification = "MT5 names these bits TICK_FLAG_*; traders call them tick flags.")]
public enum TickFlags
{
    None = 0,
    Bid = 2,
    Ask = 4,
    Last = 8,
    Volume = 16,
    Buy = 32,
    Sell = 64,
}
