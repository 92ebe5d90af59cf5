using Microsoft.Extensions.Options;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Trading;
using Releat.Mt5Bridge.Terminal;
using Releat.Mt5Gateway.Api;
using Releat.Mt5Gateway.History;
using Releat.Mt5Gateway.Mt5;
using Releat.Mt5Gateway.Observability;
using Releat.Mt5Gateway.Simulated;
using Releat.Mt5Gateway.Streaming;
using Releat.Mt5Gateway.Trading;
using Releat.ServiceDefaults.Limits;

namespace Releat.Mt5Gateway;

/// <summary>The gateway's own services: stores, the live tick hub, and the chosen backend (simulated or MT5).</summary>
public static class GatewayServiceCollectionExtensions
{
    public static WebApplicationBuilder AddMt5Gateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(GatewayOptions.Section);
        var gateway = new GatewayOptions();
        section.Bind(gateway);
        if (gateway.Symbols.Count == 0)
        {
            gateway.Symbols.Add("EURUSD");
        }

        var catalog = LoadCatalog(section["SymbolsFile"]);
        var unknown = gateway.Symbols.Where(s => !catalog.TryGet(s, out _)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Gateway:Symbols names {string.Join(", ", unknown)}, not in the symbol catalog ({string.Join(", ", catalog.All.Select(s => s.Name))})");
        }

        var services = builder.Services;

        // Built in, so a gateway started without its appsettings.json still limits orders instead of failing every one.
        services.AddCallerRateLimitDefault(TradingService.OrdersPolicy, TradingService.OrdersTokenLimit, TradingService.OrdersPerSecond, TimeSpan.FromSeconds(1));
        services.AddSingleton(Options.Create(gateway));
        services.AddSingleton(catalog);
        var root = gateway.ResolveDataRoot();
        services.AddSingleton(new TickStore(root));
        services.AddSingleton(new CandleStore(root));
        services.AddSingleton<MarketHistory>();
        services.AddSingleton(sp => new GatewayMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new TickHub(gateway.SubscriberQueueCapacity, sp.GetRequiredService<GatewayMetrics>()));

        if (gateway.Backend == GatewayBackend.Mt5)
        {
            var bridge = new Mt5BridgeOptions();
            builder.Configuration.GetSection("Mt5Bridge").Bind(bridge);
            builder.Configuration.GetSection("Mt5").Bind(bridge);
            services.AddSingleton(bridge);
            services.AddSingleton<TerminalBridge>();
            services.AddSingleton<ITradingVenue, Mt5Venue>();
            services.AddHostedService<Mt5TerminalHost>();
        }
        else
        {
            var simulated = gateway.Simulated;
            var settings = new BrokerSettings
            {
                AccountCurrency = simulated.AccountCurrency,
                InitialBalance = simulated.InitialBalance,
                Mode = simulated.AccountMode,
                LatencyMs = simulated.LatencyMs,
            };
            settings.Validate();
            services.AddSingleton(new SimulatedMarket(catalog, settings));
            services.AddSingleton<ITradingVenue, SimulatedVenue>();
            services.AddHostedService<SimulatedMarketPump>();
        }

        return builder;
    }

    private static SymbolCatalog LoadCatalog(string? path) =>
        string.IsNullOrEmpty(path) ? SymbolCatalog.Defaults : SymbolCatalog.Load(path);
}
