using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Releat.Contracts.Tracing;

namespace Releat.ServiceDefaults;

/// <summary>
/// The live path's traces (<see cref="LiveTrace"/>) over OTLP, when an endpoint is configured: the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_PROTOCOL, headers...) or Otlp:Endpoint in configuration. With
/// none, no tracer is registered, nothing listens to the live path's source and its spans are never made.
/// </summary>
internal static class TracingExport
{
    public static WebApplicationBuilder AddTracingExport(this WebApplicationBuilder builder)
    {
        string? endpoint = builder.Configuration["Otlp:Endpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var address))
        {
            throw new InvalidOperationException($"Otlp:Endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) is not an absolute URI: '{endpoint}'");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource(LiveTrace.SourceName)
                .AddOtlpExporter(options => options.Endpoint = address));
        return builder;
    }
}
