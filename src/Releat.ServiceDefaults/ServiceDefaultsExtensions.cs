using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Releat.Grpc;

namespace Releat.ServiceDefaults;

/// <summary>
/// One call gives a service host everything the platform expects of it, so each Program.cs only lists what is
/// its own. Ports come from the standard Kestrel configuration: two named endpoints, "Grpc" (HTTP/2) and
/// "Http" (HTTP/1.1, for /metrics and /healthz), e.g. Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:6001;
/// TLS the same way (Url=https://..., Certificate:Path/KeyPath, ClientCertificateMode). Every gRPC method needs a
/// caller's bearer token from Auth:Callers; with no callers a host serves only on loopback (see the README).
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Structured JSON lines by default (what log shippers read); "Logging:Console:FormatterName=simple" for people.
        builder.Logging.AddConsole();
        builder.Logging.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            options.IncludeScopes = true;
        });

        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddHealthChecks();
        builder.WebHost.ConfigureKestrel((context, kestrel) => KestrelDefaults.Apply(kestrel, context.Configuration));
        builder.Services.AddGrpc(options => builder.Configuration.GetSection("Grpc").Bind(options));
        builder.Services.AddGrpcAuthentication(options => builder.Configuration.GetSection(GrpcAuthOptions.SectionName).Bind(options));
        builder.Services.AddGrpcHealthChecks();
        if (builder.Configuration.GetValue("Grpc:Reflection", defaultValue: true))
        {
            builder.Services.AddGrpcReflection();
        }

        builder.AddMetricsExport();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapGrpcHealthChecksService();
        if (app.Configuration.GetValue("Grpc:Reflection", defaultValue: true))
        {
            app.MapGrpcReflectionService();
        }

        // Metrics show equity, P&L and positions: the same tokens as gRPC guard them (read role); /healthz stays open for probes.
        app.MapPrometheusScrapingEndpoint("/metrics").RequireCallerRole(GrpcRole.Read);
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = static (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync(report.Status.ToString());
            },
        });
        return app;
    }
}
