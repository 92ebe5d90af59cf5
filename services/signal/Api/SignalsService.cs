using Grpc.Core;
using Microsoft.Extensions.Options;
using Releat.ServiceDefaults.Auth;
using Releat.Signal.Core;
using Releat.Signal.Core.Live;
using Releat.SignalBus;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Api;

/// <summary>
/// The releat.v1.Signals gRPC service. GetLatestSignal reads the bus's latest (NOT_FOUND before the agent's first
/// signal, or for an agent this service does not run; UNAVAILABLE while the bus is unreachable); StreamSignals
/// streams the signals this process publishes, of one agent or all. Signals are only read.
/// </summary>
public sealed class SignalsService(IServiceProvider services, IOptions<SignalOptions> options, SignalBroadcast broadcast) : V1.Signals.SignalsBase
{
    public override async Task<V1.Signal> GetLatestSignal(V1.GetLatestSignalRequest request, ServerCallContext context)
    {
        CheckAgent(request.AgentId);
        V1.Signal? latest;
        try
        {
            latest = await services.GetRequiredService<ISignalBus>().ReadLatestAsync(request.AgentId, context.CancellationToken).ConfigureAwait(false);
        }
        catch (SignalBusUnavailableException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message));
        }

        return latest ?? throw new RpcException(new Status(StatusCode.NotFound, $"no signal of agent '{request.AgentId}' yet"));
    }

    public override async Task StreamSignals(V1.StreamSignalsRequest request, IServerStreamWriter<V1.Signal> responseStream, ServerCallContext context)
    {
        if (request.AgentId.Length > 0)
        {
            CheckAgent(request.AgentId);
        }

        await foreach (V1.Signal signal in broadcast.ListenAsync(request.AgentId, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(signal).ConfigureAwait(false);
        }
    }

    private void CheckAgent(string agentId)
    {
        if (!options.Value.Agents.Contains(agentId))
        {
            throw new RpcException(new Status(
                StatusCode.NotFound,
                $"agent '{agentId}' is not decided by this signal service (Signal:Agents: {string.Join(", ", options.Value.Agents)})"));
        }
    }
}
