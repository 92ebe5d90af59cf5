using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Releat.Test.V1;

namespace Releat.Grpc.Tests.Support;

/// <summary>
/// The echo service with access rules in every form the attributes allow: read by default (Unary, ServerStream),
/// trade on an override (Sleep), trade named from the class for a method it does not override (Fail), open to
/// anyone (Headers), and a per-caller rate limit (Flaky). Replies carry the caller's name.
/// </summary>
[RequiresRole(GrpcRole.Trade, Methods = [nameof(Echo.EchoBase.Fail)])]
public sealed partial class GuardedEchoService(ILogger<GuardedEchoService> logger) : Echo.EchoBase
{
    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        LogServed(logger, request.Text);
        return Task.FromResult(new EchoReply { Text = context.GetCaller()?.Name ?? "(none)" });
    }

    public override async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoReply { Text = context.GetCaller()?.Name ?? "(none)", Count = i }, context.CancellationToken);
        }
    }

    [RequiresRole(GrpcRole.Trade)]
    public override Task<EchoReply> Sleep(SleepRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = "traded by " + context.GetCaller()?.Name });

    [AllowAnonymous]
    public override Task<EchoReply> Headers(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = context.GetCaller()?.Name ?? "(none)" });

    [RequiresRole(GrpcRole.Trade)]
    [RateLimited("orders")]
    public override Task<EchoReply> Flaky(FlakyRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = "order accepted for " + context.GetCaller()?.Name });

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Served {Text}")]
    private static partial void LogServed(ILogger logger, string text);
}
