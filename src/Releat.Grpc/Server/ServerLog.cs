using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Server;

/// <summary>The server's log lines, as source-generated delegates so a disabled level costs nothing.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "gRPC handler {Method} threw")]
    public static partial void HandlerThrew(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Could not send the status of {Method}; the client went away")]
    public static partial void StatusNotSent(ILogger logger, Exception exception, string method);
}
