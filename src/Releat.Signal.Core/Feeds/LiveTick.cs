using Releat.MarketData;

namespace Releat.Signal.Core;

/// <summary>A live tick as it arrived: its symbol, the tick, and Stopwatch.GetTimestamp() at arrival (latency starts there).</summary>
public readonly record struct LiveTick(string Symbol, Tick Tick, long ArrivalTimestamp);
