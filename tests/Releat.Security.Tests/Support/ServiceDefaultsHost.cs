using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Releat.Contracts.Channels;
using Releat.ServiceDefaults;
using Releat.Testing;

namespace Releat.Security.Tests.Support;

/// <summary>
/// A host built exactly as the services build theirs (AddServiceDefaults, MapDefaultEndpoints), in this process,
/// configured only through configuration keys (Kestrel endpoints, TLS, Auth, Grpc), serving the probe service.
/// The gRPC endpoint is "Grpc" on 127.0.0.1 with an OS-chosen port unless the settings say otherwise.
/// </summary>
public sealed class ServiceDefaultsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceDefaultsHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public ProbeState Probe => _app.Services.GetRequiredService<ProbeState>();

    /// <param name="settings">Configuration keys over the defaults (loopback endpoint, a generous "probe" rate limit).</param>
    /// <param name="logs">Where the host's log lines go; none when null.</param>
    /// <param name="probeRateLimit">False leaves Grpc:RateLimits:probe out, to see what a missing policy does.</param>
    /// <param name="configureServices">What the test's "service" adds beside the defaults (a declared rate-limit default).</param>
    public static WebApplication Build(
        IReadOnlyDictionary<string, string?> settings, CapturedLogs? logs = null, bool probeRateLimit = true, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
        };
        if (probeRateLimit)
        {
            all["Grpc:RateLimits:probe:TokenLimit"] = "1000";
            all["Grpc:RateLimits:probe:TokensPerPeriod"] = "1000";
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        // Only these settings: the output folder also holds a service's appsettings.json (copied with the project reference).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(all);
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton<ProbeState>();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<ProbeSignalsService>();
        return app;
    }

    public static async Task<ServiceDefaultsHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, CapturedLogs? logs = null, bool probeRateLimit = true,
        Action<IServiceCollection>? configureServices = null)
    {
        var app = Build(settings ?? new Dictionary<string, string?>(), logs, probeRateLimit, configureServices);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new ServiceDefaultsHost(app, new UriBuilder(bound) { Host = "127.0.0.1" }.Uri);
    }

    public ReleatChannel CreateChannel(ReleatChannelOptions? options = null) => ReleatChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
