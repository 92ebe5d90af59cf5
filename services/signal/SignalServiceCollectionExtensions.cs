using Microsoft.Extensions.Options;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Telemetry;
using Releat.Signal.Hosting;
using Releat.SignalBus;

namespace Releat.Signal;

/// <summary>
/// The signal service's own services: its options, the signal bus (connected on first use, so the service answers
/// even while Redis is down), the metrics, the broadcast StreamSignals reads, and the worker running one signaller
/// per agent.
/// </summary>
public static class SignalServiceCollectionExtensions
{
    public static WebApplicationBuilder AddSignal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var signal = new SignalOptions();
        builder.Configuration.GetSection(SignalOptions.Section).Bind(signal);
        signal.Validate();
        var bus = new SignalBusOptions { Mode = SignalBusMode.Redis };
        builder.Configuration.GetSection(SignalBusOptions.Section).Bind(bus);

        var services = builder.Services;
        services.AddSingleton(Options.Create(signal));
        services.AddSingleton(_ => SignalBusFactory.Create(bus));
        services.AddSingleton(sp => new SignalMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<SignalBroadcast>();
        services.AddHostedService<SignalWorker>();
        return builder;
    }
}
