using Releat.MarketData.Model;

namespace Releat.Signal.Core.Feeds;

/// <summary>
/// A live tick as it arrived: its symbol, the tick, Stopwatch.GetTimestamp() at arrival (latency starts there), and
/// when the gateway received it (Unix µs, 0 when unknown; the first point of the live path's hop timing).
/// </summary>
public readonly record struct LiveTick(string Symbol, Tick Tick, long ArrivalTimestamp, long GatewayArrivalUs = 0);
