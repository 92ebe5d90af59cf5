using Releat.MarketData.Model;

namespace Releat.MarketData.Feeds;

/// <summary>
/// A tick with the symbol it belongs to, as a multi-symbol feed delivers it; the gateway's hub adds when the tick
/// reached it (Unix µs), which its subscribers pass on for the live path's hop timing.
/// </summary>
public readonly record struct SymbolTick(string Symbol, Tick Tick, long ArrivedUs = 0);
