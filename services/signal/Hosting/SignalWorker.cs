using Microsoft.Extensions.Options;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Signal.Core.Feeds;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Telemetry;
using Releat.SignalBus;
using Releat.Training.Runs;

namespace Releat.Signal.Hosting;

/// <summary>
/// Runs one signaller per configured agent, each on the gateway's ticks: it waits for the agent's first checkpoint,
/// catches up from the gateway's tick history, follows live ticks (reconnecting with backoff) and swaps in new
/// checkpoints as training writes them, until the host stops.
/// </summary>
public sealed partial class SignalWorker(
    IServiceProvider services, IOptions<SignalOptions> options, SignalMetrics metrics, SignalBroadcast broadcast, ILoggerFactory loggers,
    ILogger<SignalWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SignalOptions settings = options.Value;
        if (settings.Agents.Count == 0)
        {
            NoAgents(logger);
            return;
        }

        var registry = new FeatureRegistry();
        var loader = new AgentConfigLoader(registry);
        List<AgentConfig> agents = [.. settings.Agents.Select(id => loader.Load(AgentLocator.ConfigPath(id, settings.AgentsRoot)))];
        var bus = services.GetRequiredService<ISignalBus>();
        using var gateway = new GatewayTickFeed(settings.Gateway.Address, settings.Gateway.ResolveBearerToken());
        var runnerOptions = new AgentSignalRunnerOptions
        {
            Run = settings.Run,
            Checkpoint = settings.Checkpoint,
            AllowUndeployable = settings.AllowUndeployableCheckpoint,
            CheckpointPollInterval = settings.CheckpointPollInterval,
            Feed = new TickFeedOptions { CatchUpDelay = settings.CatchUpDelay },
            Signaller = new SignallerOptions { Metrics = metrics, Logger = loggers.CreateLogger("Releat.Signal.Decisions"), Published = broadcast.Post },
            Registry = registry,
        };
        string home = AgentPaths.DefaultHome;
        string names = string.Join(", ", settings.Agents);
        Starting(logger, names, home, settings.Gateway.Address);
        await Task.WhenAll(agents.Select(agent => RunAgentAsync(new AgentSignalRunner(agent, home, bus, gateway, gateway, runnerOptions), stoppingToken)))
            .ConfigureAwait(false);
    }

    /// <summary>One agent's signaller; a failure of one agent (a config it cannot trade with) leaves the others running.</summary>
    private async Task RunAgentAsync(AgentSignalRunner runner, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
#pragma warning disable CA1031 // Logged as the agent's end; the service keeps serving the other agents.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AgentFailed(logger, e, runner.AgentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signal:Agents is empty: no decisions (GetLatestSignal and StreamSignals still answer)")]
    private static partial void NoAgents(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deciding for {Agents} from checkpoints under {Home}, ticks from {Gateway}")]
    private static partial void Starting(ILogger logger, string agents, string home, string gateway);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Agent {AgentId} stopped deciding")]
    private static partial void AgentFailed(ILogger logger, Exception exception, string agentId);
}
