using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Releat.ServiceDefaults.Tests;

/// <summary>
/// A host built as the services build theirs (AddServiceDefaults, MapDefaultEndpoints) in this process, with only
/// its HTTP endpoint on 127.0.0.1 and an OS-chosen port, no callers (so /metrics is open, as on loopback).
/// </summary>
public sealed class MetricsHost : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = Timeout };

    private MetricsHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<MetricsHost> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
        });
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        try
        {
            await app.StartAsync().WaitAsync(Timeout);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new MetricsHost(app, new UriBuilder(bound) { Host = "127.0.0.1" }.Uri);
    }

    public Task<string> ScrapeAsync() => _http.GetStringAsync(new Uri(Address, "/metrics")).WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }
}
