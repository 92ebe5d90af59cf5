using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Releat.Grpc.HealthChecking;

/// <summary>grpc.health.v1.Health: Check answers once (NOT_FOUND for unknown services); Watch streams every change.</summary>
// Probes (Kubernetes, compose) must reach health without a token.
[AllowAnonymous]
internal sealed class HealthService(GrpcHealthStatus status, HealthStatusPublisher publisher) : global::Grpc.Health.V1.Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (request.Service.Length == 0 && !status.IsShuttingDown)
        {
            // The overall status is re-evaluated on demand so a probe never reads a stale poll.
            await publisher.EvaluateAsync(context.CancellationToken).ConfigureAwait(false);
        }

        var current = status.GetStatus(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        return new HealthCheckResponse { Status = current };
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var changes = status.Subscribe(out var unsubscribe);
        try
        {
            ServingStatus? lastSent = null;
            while (true)
            {
                var current = status.GetStatus(request.Service) ?? ServingStatus.ServiceUnknown;
                if (current != lastSent)
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = current }, context.CancellationToken).ConfigureAwait(false);
                    lastSent = current;
                }

                await changes.WaitToReadAsync(context.CancellationToken).ConfigureAwait(false);
                changes.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client stopped watching; ending quietly is the normal outcome of a Watch.
        }
        finally
        {
            unsubscribe();
        }
    }
}
