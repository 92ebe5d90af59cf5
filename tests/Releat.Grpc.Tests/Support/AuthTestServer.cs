using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Releat.Grpc.Tests.Support;

/// <summary>
/// A real Kestrel server with authentication on, serving <see cref="GuardedEchoService"/>, health and reflection on
/// an OS-chosen port (loopback unless told otherwise). Log lines are captured for the tests to read.
/// </summary>
public sealed class AuthTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthTestServer(WebApplication app, Uri address, CapturedLogs logs)
    {
        _app = app;
        Address = address;
        Logs = logs;
    }

    public Uri Address { get; }

    public CapturedLogs Logs { get; }

    public static async Task<AuthTestServer> StartAsync(
        Action<GrpcAuthOptions>? configureAuth = null, Action<GrpcServiceOptions>? configureGrpc = null, IPAddress? bindTo = null)
    {
        var app = Build(configureAuth, configureGrpc, bindTo, out var logs);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        return new AuthTestServer(app, new Uri($"http://127.0.0.1:{port}"), logs);
    }

    /// <summary>The application before it starts, for tests that expect mapping or starting to fail.</summary>
    public static WebApplication Build(
        Action<GrpcAuthOptions>? configureAuth, Action<GrpcServiceOptions>? configureGrpc, IPAddress? bindTo, out CapturedLogs logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var captured = new CapturedLogs();
        builder.Logging.AddProvider(captured);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(bindTo ?? IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options =>
        {
            // GuardedEchoService's Flaky is [RateLimited("orders")]: generous unless a test says otherwise.
            options.RateLimits["orders"] = new GrpcRateLimitOptions { TokenLimit = 1000, TokensPerPeriod = 1000 };
            configureGrpc?.Invoke(options);
        });
        builder.Services.AddGrpcAuthentication(options => configureAuth?.Invoke(options));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();

        var app = builder.Build();
        app.MapGrpcService<GuardedEchoService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapGet("/positions", () => "EURUSD 0.10 long").RequireCallerRole(GrpcRole.Trade);
        logs = captured;
        return app;
    }

    public GrpcChannel CreateChannel(string? token = null) =>
        GrpcChannel.ForAddress(Address, new GrpcChannelOptions { BearerToken = token });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
