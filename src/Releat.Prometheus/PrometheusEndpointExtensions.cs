using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Releat.Prometheus;

/// <summary>Registers the exporter and serves it over HTTP, named as OpenTelemetry's Prometheus exporter names them.</summary>
public static class PrometheusEndpointExtensions
{
    public static IServiceCollection AddPrometheusExporter(
        this IServiceCollection services, Action<PrometheusExporterOptions>? configure = null)
    {
        var options = new PrometheusExporterOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<PrometheusExporter>();
        return services;
    }

    public static IEndpointConventionBuilder MapPrometheusScrapingEndpoint(
        this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The exporter only sees measurements made after its listener starts: create it now, at start-up,
        // not at the first scrape.
        var exporter = endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        return endpoints.MapGet(pattern, () => Results.Text(exporter.Render(), PrometheusExporter.ContentType));
    }
}
