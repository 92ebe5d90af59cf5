using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>Reaches the ASP.NET Core request behind a call, as Grpc.AspNetCore's extension of the same name does.</summary>
public static class ServerCallContextExtensions
{
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext) =>
        serverCallContext is HttpServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException(
                $"{serverCallContext?.GetType().Name ?? "null"} is not a call served by Releat.Grpc; no HttpContext behind it.");
}
