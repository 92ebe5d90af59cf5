using Microsoft.Extensions.Options;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Contracts.Channels;
using Releat.Features.Registry;
using Releat.SignalBus;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Rules;
using Releat.Trader.Hosting;
using Releat.ServiceDefaults.Clients;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader;

/// <summary>
/// The trader's own services: its agents (from their configs), the market watch, the gateway client, the journal,
/// the engine with the agents' own operating rules (their PositionRules), the signal bus, the consumer loop and the
/// tick watcher.
/// </summary>
public static class TraderServiceCollectionExtensions
{
    public static WebApplicationBuilder AddTrader(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var trader = new TraderOptions();
        builder.Configuration.GetSection(TraderOptions.Section).Bind(trader);
        trader.Risk.Validate();
        var bus = new SignalBusOptions { Mode = SignalBusMode.Redis };
        builder.Configuration.GetSection(SignalBusOptions.Section).Bind(bus);

        var services = builder.Services;
        services.AddSingleton(Options.Create(trader));
        services.AddSingleton<IReadOnlyList<AgentConfig>>(_ => LoadAgents(trader));
        services.AddSingleton<IReadOnlyList<TradedAgent>>(sp => [.. sp.GetRequiredService<IReadOnlyList<AgentConfig>>().Select(TradedAgent.From)]);
        services.AddSingleton<MarketWatch>();
        services.AddReleatGrpcClient<V1.Trading.TradingClient>(trader.Gateway.Address, GrpcOrderGateway.ChannelOptions(trader.Gateway));
        services.AddReleatGrpcClient<V1.MarketData.MarketDataClient>(
            trader.Gateway.Address, new ReleatChannelOptions { BearerToken = trader.Gateway.ResolveBearerToken() });
        services.AddSingleton<IOrderGateway>(sp => new GrpcOrderGateway(sp.GetRequiredService<V1.Trading.TradingClient>(), trader.Gateway));
        services.AddSingleton(_ => TradeJournal.Open(trader.ResolveJournalPath()));
        services.AddSingleton(sp => new TraderMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new TraderEngine(
            sp.GetRequiredService<IReadOnlyList<TradedAgent>>(),
            sp.GetRequiredService<IOrderGateway>(),
            sp.GetRequiredService<TradeJournal>(),
            sp.GetRequiredService<MarketWatch>(),
            new TraderEngineOptions
            {
                Risk = trader.Risk,
                Rules = AgentOperatingRules.For(sp.GetRequiredService<IReadOnlyList<AgentConfig>>()),
                KillSwitchFile = trader.KillSwitchFile,
                Metrics = sp.GetRequiredService<TraderMetrics>(),
                Logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<TraderEngine>(),
            }));
        services.AddSingleton(_ => SignalBusFactory.Create(bus));
        services.AddHostedService<TraderWorker>();
        services.AddHostedService<GatewayTickWatcher>();
        return builder;
    }

    private static List<AgentConfig> LoadAgents(TraderOptions options)
    {
        var loader = new AgentConfigLoader(new FeatureRegistry());
        return [.. options.Agents.Select(id => loader.Load(AgentLocator.ConfigPath(id, options.AgentsRoot)))];
    }
}
