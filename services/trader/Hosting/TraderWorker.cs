using Microsoft.Extensions.Options;
using Releat.SignalBus;
using Releat.Trader.Core.Engine;

namespace Releat.Trader.Hosting;

/// <summary>Runs the trader's consumer loop for the configured agents until the host stops.</summary>
public sealed partial class TraderWorker(
    TraderEngine engine, IServiceProvider services, IOptions<TraderOptions> options, ILogger<TraderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Agents.Count == 0)
        {
            NoAgents(logger);
            return;
        }

        var bus = services.GetRequiredService<ISignalBus>();
        var subscription = new SignalSubscription(
            settings.ConsumerGroup, settings.ConsumerName is { Length: > 0 } name ? name : Environment.MachineName, [.. settings.Agents])
        {
            ClaimIdleAfter = settings.ClaimIdleAfter,
        };
        string agents = string.Join(", ", settings.Agents);
        Consuming(logger, agents, subscription.Group, subscription.Consumer);
        try
        {
            await new TraderLoop(engine, bus, subscription, logger: logger).RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; unacknowledged signals stay pending for the next start.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trader:Agents is empty: not consuming signals (status and control still answer)")]
    private static partial void NoAgents(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acting on signals of {Agents} as consumer {Consumer} of group {Group}")]
    private static partial void Consuming(ILogger logger, string agents, string group, string consumer);
}
