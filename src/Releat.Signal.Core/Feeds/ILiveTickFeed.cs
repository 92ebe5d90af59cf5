namespace Releat.Signal.Core.Feeds;

/// <summary>Where live ticks come from: the gateway's stream, or ticks a caller pushes in-process.</summary>
public interface ILiveTickFeed
{
    /// <summary>
    /// Live ticks of the symbols from now on, in arrival order, until <paramref name="cancellation"/> or the feed ends
    /// (it throws when the connection fails; the caller reconnects).
    /// </summary>
    IAsyncEnumerable<LiveTick> SubscribeAsync(IReadOnlyList<string> symbols, CancellationToken cancellation);
}
