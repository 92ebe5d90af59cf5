using Microsoft.Extensions.Options;
using Releat.FeatureBuilder.Building;
using Releat.Features.Registry;
using Releat.Features.Store;

namespace Releat.FeatureBuilder;

/// <summary>The feature-builder's own services: the feature catalogue, the dataset store, the build jobs and their metrics.</summary>
public static class FeatureBuilderServiceCollectionExtensions
{
    public static WebApplicationBuilder AddFeatureBuilder(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FeatureBuilderOptions();
        builder.Configuration.GetSection(FeatureBuilderOptions.Section).Bind(options);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<FeatureRegistry>();
        builder.Services.AddSingleton<IFeatureStore>(new FileFeatureStore(options.ResolveDataRoot()));
        builder.Services.AddSingleton<BuildMetrics>();
        builder.Services.AddSingleton<BuildJobs>();
        return builder;
    }
}
