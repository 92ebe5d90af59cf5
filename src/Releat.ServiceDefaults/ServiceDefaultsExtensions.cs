using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Releat.ServiceDefaults.Auth;
using Releat.ServiceDefaults.Grpc;
using Releat.ServiceDefaults.Limits;

namespace Releat.ServiceDefaults;

/// <summary>
/// One call gives a service host everything the platform expects of it, so each Program.cs only lists what is
/// its own. Ports come from the standard Kestrel configuration: two named endpoints, "Grpc" (HTTP/2) and
/// "Http" (HTTP/1.1, for /metrics and /healthz), e.g. Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:6001;
/// TLS the same way (Url=https://..., Certificate:Path/KeyPath, ClientCertificateMode). gRPC is Grpc.AspNetCore
/// with its health and reflection services; every other endpoint needs a caller's bearer token from Auth:Callers
/// (policy "read", or "trade" where a method says so); with no callers a host serves only on loopback.
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
        builder.WebHost.ConfigureKestrel((context, kestrel) => KestrelDefaults.Apply(kestrel, context.Configuration));
        builder.Services.AddGrpc(options =>
        {
            // MaxReceiveMessageSize (4 MiB unless configured), MaxSendMessageSize, EnableDetailedErrors, ResponseCompressionAlgorithm.
            builder.Configuration.GetSection("Grpc").Bind(options);
            options.CompressionProviders = [new BoundedGzipCompressionProvider(options.MaxReceiveMessageSize ?? int.MaxValue)];
            options.Interceptors.Add<CallerGoneInterceptor>();
        });
        builder.Services.AddCallerAuthentication(builder.Configuration);
        builder.Services.AddCallerRateLimits(builder.Configuration);
        builder.Services.AddGrpcHealthWithDraining();
        if (builder.Configuration.GetValue("Grpc:Reflection", defaultValue: true))
        {
            builder.Services.AddGrpcReflection();
        }

        builder.AddMetricsExport();
        builder.AddTracingExport();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Order matters: who calls (and their log scope), then may they, then how often.
        app.UseAuthentication();
        app.UseMiddleware<GrpcCallTelemetry>();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapGrpcHealthChecksService().AllowAnonymous();
        if (app.Configuration.GetValue("Grpc:Reflection", defaultValue: true))
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        // Metrics show equity, P&L and positions: the same tokens as gRPC guard them (read role); /healthz stays open for probes.
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(CallerPolicy.Read);
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = static (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync(report.Status.ToString());
            },
        }).AllowAnonymous();
        return app;
    }
}
