using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>Reaches the ASP.NET Core request (as Grpc.AspNetCore's extension of the same name does) and the caller behind a call.</summary>
public static class ServerCallContextExtensions
{
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext) =>
        serverCallContext is HttpServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException(
                $"{serverCallContext?.GetType().Name ?? "null"} is not a call served by Releat.Grpc; no HttpContext behind it.");

    /// <summary>
    /// Who made the call: the authenticated caller, <see cref="GrpcCaller.Anonymous"/> on a server without
    /// authentication, or null on an open method (health, reflection) of a server with authentication.
    /// </summary>
    public static GrpcCaller? GetCaller(this ServerCallContext serverCallContext) =>
        serverCallContext is HttpServerCallContext call
            ? call.Caller
            : throw new InvalidOperationException(
                $"{serverCallContext?.GetType().Name ?? "null"} is not a call served by Releat.Grpc; no caller behind it.");
}
