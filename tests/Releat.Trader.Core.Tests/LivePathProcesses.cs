using System.Globalization;
using Releat.Testing;

namespace Releat.Trader.Core.Tests;

/// <summary>How the process tests run the gateway and the trader for agent t00001.</summary>
internal static class LivePathProcesses
{
    public const string Agent = "t00001";

    /// <summary>Inside t00001's trading session (07:00-20:00 UTC on weekdays): its operating rules allow opening.</summary>
    public static readonly DateTime MarketStart = new(2024, 1, 8, 10, 0, 0, DateTimeKind.Utc);

    public static Task<ServiceProcess> StartGatewayAsync(string folder) => ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", GatewayEnvironment(folder, MarketStart));

    public static Dictionary<string, string> GatewayEnvironment(string folder, DateTime marketStart) => new()
    {
        ["Gateway__DataRoot"] = folder,
        ["Gateway__RecordTicks"] = "false",
        ["Gateway__Simulated__Start"] = marketStart.ToString("O", CultureInfo.InvariantCulture),

        // Real time: faster, a loaded machine makes signals stale (5 s of market time) before the trader acts.
        // The price is waiting out t00001's 30 s minimum hold in real time once.
        ["Gateway__Simulated__Speed"] = "1",
    };

    public static Dictionary<string, string> TraderEnvironment(string folder, RedisServerProcess redis, ServiceProcess gateway, string consumer) => new()
    {
        ["Trader__Agents__0"] = Agent,
        ["Trader__AgentsRoot"] = Path.Combine(RepositoryRoot.Path, "agents"),
        ["Trader__JournalPath"] = Path.Combine(folder, "journal.jsonl"),
        ["Trader__ConsumerName"] = consumer,
        ["Trader__Gateway__Address"] = gateway.GrpcAddress.ToString(),
        ["SignalBus__Redis__Address"] = redis.Address,
    };
}
