using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Releat.ServiceDefaults;

namespace Releat.Grpc.Tests.Support;

/// <summary>
/// The echo service on a host built as the services build theirs (AddServiceDefaults: Grpc.AspNetCore, health,
/// reflection, caller auth, the bounded gzip provider), on 127.0.0.1 with an OS-chosen HTTP/2 port and no callers
/// (the loopback rule lets it serve without tokens).
/// </summary>
public sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public CallJournal Journal => _app.Services.GetRequiredService<CallJournal>();

    /// <param name="settings">Configuration beside the test server's own.</param>
    /// <param name="logs">Where the server's log lines go (none when null).</param>
    public static async Task<GrpcTestServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(all);
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton<CallJournal>();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<EchoService>();
        await app.StartAsync();

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new GrpcTestServer(app, new UriBuilder(bound) { Host = "127.0.0.1" }.Uri);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
