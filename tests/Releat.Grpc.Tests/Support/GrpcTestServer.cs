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
/// A real Kestrel server on 127.0.0.1 with an OS-chosen port and an HTTP/2-only endpoint (h2c prior knowledge),
/// serving the echo service, health and reflection. A second HTTP/1.1 endpoint exists for the protocol-rejection test.
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address, Uri http1Address)
    {
        _app = app;
        Address = address;
        Http1Address = http1Address;
    }

    public Uri Address { get; }

    public Uri Http1Address { get; }

    public IServiceProvider Services => _app.Services;

    public CallJournal Journal => _app.Services.GetRequiredService<CallJournal>();

    public GrpcHealthStatus Health => _app.Services.GetRequiredService<GrpcHealthStatus>();

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcServiceOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddSingleton<CallJournal>();
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = 4 * 1024 * 1024;
            configure?.Invoke(options);
        });
        builder.Services.AddGrpcHealthChecks(options => options.PollInterval = TimeSpan.FromSeconds(1));
        builder.Services.AddGrpcReflection();

        var app = builder.Build();
        app.MapGrpcService<EchoService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a))
            .ToArray();
        return new GrpcTestServer(app, addresses[0], addresses[1]);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
