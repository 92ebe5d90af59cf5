using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// Where the trader's orders go, in the gateway's contract: the mt5-gateway over gRPC, or a broker in the same
/// process. Orders are idempotent by client order id, so a call repeated after a failure never trades twice.
/// </summary>
/// <remarks>Every method throws <see cref="OrderGatewayUnavailableException"/> when the gateway cannot be reached.</remarks>
public interface IOrderGateway
{
    Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation = default);

    Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation = default);

    Task<IReadOnlyList<V1.Position>> GetPositionsAsync(CancellationToken cancellation = default);

    Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation = default);
}
