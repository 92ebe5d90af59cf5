using Microsoft.Extensions.Options;
using Releat.Features.Registry;
using Releat.Trainer.Training;

namespace Releat.Trainer;

/// <summary>The trainer's own services: its options, the feature catalogue, the training jobs and their metrics.</summary>
public static class TrainerServiceCollectionExtensions
{
    public static WebApplicationBuilder AddTrainer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new TrainerOptions();
        builder.Configuration.GetSection(TrainerOptions.Section).Bind(options);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<FeatureRegistry>();
        builder.Services.AddSingleton<TrainingMetrics>();
        builder.Services.AddSingleton<TrainingJobs>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TrainingJobs>());
        return builder;
    }
}
