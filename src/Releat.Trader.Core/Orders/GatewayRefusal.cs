using System.Globalization;
using Grpc.Core;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// The gateway turned an order away itself (bad request, not allowed, over the caller's order rate): the order is
/// recorded as rejected with the gateway's status and never retried, neither on the session nor as a unary call.
/// A rate-limit refusal carries the gateway's retry-after (seconds) in its message.
/// </summary>
internal static class GatewayRefusal
{
    public static bool Is(StatusCode code) => code is StatusCode.InvalidArgument or StatusCode.FailedPrecondition
        or StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.ResourceExhausted;

    public static V1.OrderResult Rejected(string clientOrderId, string address, RpcException refusal)
    {
        string retryAfter = refusal.Trailers.GetValue("retry-after") is { Length: > 0 } seconds
            ? string.Create(CultureInfo.InvariantCulture, $" (retry-after {seconds} s)")
            : "";
        return new V1.OrderResult
        {
            ClientOrderId = clientOrderId,
            State = V1.OrderState.Rejected,
            Message = $"gateway {address}: {refusal.StatusCode}: {refusal.Status.Detail}{retryAfter}",
        };
    }
}
