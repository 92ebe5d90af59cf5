namespace Releat.MarketData.Feeds;

/// <summary>A tick with the symbol it belongs to, as a multi-symbol feed delivers it.</summary>
public readonly record struct SymbolTick(string Symbol, Tick Tick);
