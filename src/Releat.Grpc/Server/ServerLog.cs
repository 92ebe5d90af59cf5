using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Server;

/// <summary>The server's log lines, as source-generated delegates so a disabled level costs nothing.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC handler {Method} threw")]
    public static partial void HandlerThrew(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Could not send the status of {Method}; the client went away")]
    public static partial void StatusNotSent(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "gRPC call {Method} from {Peer} denied: {Reason}")]
    public static partial void CallDenied(ILogger logger, string method, string peer, string reason);

    /// <summary>Every log line written while a call runs carries its method and caller (never the token).</summary>
    public static readonly Func<ILogger, string, string, IDisposable?> CallScope =
        LoggerMessage.DefineScope<string, string>("gRPC {GrpcMethod} caller {GrpcCaller}");
}
