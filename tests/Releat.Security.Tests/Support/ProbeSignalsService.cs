using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Releat.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Releat.ServiceDefaults.Limits;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests.Support;

/// <summary>
/// A real contract service for hosts built with ServiceDefaults: GetLatestSignal echoes the agent id (rate limited
/// per caller by the "probe" policy), StreamSignals (trade, to test roles) sends one signal and then holds the stream open until the
/// client goes away, so tests can count concurrent streams.
/// </summary>
public sealed class ProbeSignalsService(ProbeState state) : V1.Signals.SignalsBase
{
    [EnableRateLimiting("probe")]
    public override Task<V1.Signal> GetLatestSignal(V1.GetLatestSignalRequest request, ServerCallContext context) =>
        Task.FromResult(new V1.Signal { AgentId = request.AgentId, Symbol = context.GetCaller()?.Name ?? "" });

    [Authorize(CallerPolicy.Trade)]
    public override async Task StreamSignals(V1.StreamSignalsRequest request, IServerStreamWriter<V1.Signal> responseStream, ServerCallContext context)
    {
        state.Enter();
        try
        {
            await responseStream.WriteAsync(new V1.Signal { AgentId = request.AgentId }, context.CancellationToken);
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        finally
        {
            state.Leave();
        }
    }
}
