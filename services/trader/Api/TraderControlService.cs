using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Releat.ServiceDefaults.Auth;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Api;

/// <summary>
/// The releat.v1.TraderControl gRPC service over the trader's engine. Pausing, resuming and flattening change what
/// is traded, so they need the trade role; the status needs read. Resuming under the kill switch is
/// FAILED_PRECONDITION; a gateway that cannot be reached while flattening is UNAVAILABLE (retrying is safe: the
/// closing orders have deterministic ids).
/// </summary>
public sealed class TraderControlService(TraderEngine engine) : V1.TraderControl.TraderControlBase
{
    public override Task<V1.TraderStatus> GetStatus(V1.GetTraderStatusRequest request, ServerCallContext context) =>
        Task.FromResult(engine.Status);

    [Authorize(CallerPolicy.Trade)]

    public override Task<V1.TraderStatus> Pause(V1.PauseRequest request, ServerCallContext context) =>
        Call(() => engine.PauseAsync(request.Reason, context.CancellationToken));

    [Authorize(CallerPolicy.Trade)]

    public override Task<V1.TraderStatus> Resume(V1.ResumeRequest request, ServerCallContext context) =>
        Call(() => engine.ResumeAsync(context.CancellationToken));

    [Authorize(CallerPolicy.Trade)]

    public override Task<V1.FlattenAllResponse> FlattenAll(V1.FlattenAllRequest request, ServerCallContext context) =>
        Call(async () =>
        {
            var results = await engine.FlattenAllAsync(request.Reason, context.CancellationToken).ConfigureAwait(false);
            var response = new V1.FlattenAllResponse { Status = engine.Status };
            response.Results.AddRange(results);
            return response;
        });

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
        catch (OrderGatewayUnavailableException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }
    }
}
