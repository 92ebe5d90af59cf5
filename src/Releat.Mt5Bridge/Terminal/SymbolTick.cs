using Releat.MarketData;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>A tick from the terminal with its symbol, its time already converted to UTC.</summary>
public readonly record struct SymbolTick(string Symbol, Tick Tick);
