using Releat.MarketData.Model;

namespace Releat.Signal.Core.Feeds;

/// <summary>Recorded ticks for catching up after a start or a reconnect: the gateway's tick store, or an in-process record.</summary>
public interface ITickHistory
{
    /// <summary>The stored ticks of one symbol in [<paramref name="fromMs"/>, <paramref name="toMs"/>), in time order.</summary>
    IAsyncEnumerable<Tick> ReadAsync(string symbol, long fromMs, long toMs, CancellationToken cancellation);
}
