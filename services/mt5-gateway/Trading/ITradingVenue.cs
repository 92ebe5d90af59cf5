using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Trading;

/// <summary>
/// Where the gateway's orders go: the simulated broker or a real MT5 terminal. The gRPC Trading service speaks
/// only to this, so callers cannot tell paper trading from a live account except by AccountInfo.simulated.
/// </summary>
public interface ITradingVenue
{
    /// <summary>Sends a market order; the same client order id again returns the first result.</summary>
    Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation);

    Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation);

    Task<IReadOnlyList<V1.Position>> GetPositionsAsync(string symbol, CancellationToken cancellation);

    Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation);

    /// <summary>Order, position and account events from now on, until cancelled.</summary>
    IAsyncEnumerable<V1.TradeEvent> WatchEventsAsync(CancellationToken cancellation);
}
