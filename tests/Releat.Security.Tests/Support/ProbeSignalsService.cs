using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Releat.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests.Support;

/// <summary>
/// A real contract service for hosts built with ServiceDefaults: GetLatestSignal echoes the agent id and the caller's
/// name and logs "Served {agent id}" (rate limited per caller by the "probe" policy), or throws for the agent id
/// <see cref="ThrowingAgent"/>; StreamSignals (trade, to test roles) sends one signal and then holds the stream open
/// until the client goes away, so tests can count concurrent streams.
/// </summary>
public sealed partial class ProbeSignalsService(ProbeState state, ILogger<ProbeSignalsService> logger) : V1.Signals.SignalsBase
{
    /// <summary>An agent id no fuzzed request produces (they are printable ASCII): the handler throws for it.</summary>
    public const string ThrowingAgent = "\u0001throw";

    /// <summary>What the thrown exception says: internal detail a client must not see unless detailed errors are on.</summary>
    public const string InternalDetail = "internal detail: connection string Server=db;Password=hunter2";

    [EnableRateLimiting("probe")]
    public override Task<V1.Signal> GetLatestSignal(V1.GetLatestSignalRequest request, ServerCallContext context)
    {
        if (request.AgentId == ThrowingAgent)
        {
            throw new InvalidOperationException(InternalDetail);
        }

        LogServed(logger, request.AgentId);
        return Task.FromResult(new V1.Signal { AgentId = request.AgentId, Symbol = context.GetCaller()?.Name ?? "" });
    }

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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Served {AgentId}")]
    private static partial void LogServed(ILogger logger, string agentId);
}
