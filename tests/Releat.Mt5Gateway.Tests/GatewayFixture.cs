using Releat.Contracts.Channels;
using Releat.Testing;

namespace Releat.Mt5Gateway.Tests;

/// <summary>A gateway process with its own data folder, and clients for its two services.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    private GatewayFixture(ServiceProcess process, ReleatChannel channel, string dataRoot)
    {
        Process = process;
        Channel = channel;
        DataRoot = dataRoot;
    }

    public ServiceProcess Process { get; }

    public ReleatChannel Channel { get; }

    public string DataRoot { get; }

    public Contracts.V1.MarketData.MarketDataClient MarketData => new(Channel);

    public Contracts.V1.Trading.TradingClient Trading => new(Channel);

    /// <summary>
    /// Starts the gateway with Gateway:* settings (keys relative to the Gateway section; Mt5Bridge__, Auth__ and Grpc__
    /// keys as given), from its own folder or from <paramref name="workingDirectory"/>.
    /// </summary>
    public static async Task<GatewayFixture> StartAsync(string dataRoot, IReadOnlyDictionary<string, string> settings, string? workingDirectory = null)
    {
        var environment = new Dictionary<string, string> { ["Gateway__DataRoot"] = dataRoot };
        foreach (var (key, value) in settings)
        {
            var global = key.StartsWith("Mt5Bridge__", StringComparison.Ordinal) || key.StartsWith("Auth__", StringComparison.Ordinal)
                || key.StartsWith("Grpc__", StringComparison.Ordinal);
            environment[global ? key : "Gateway__" + key] = value;
        }

        var process = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", environment, workingDirectory);
        return new GatewayFixture(process, ReleatChannel.ForAddress(process.GrpcAddress), dataRoot);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Process.DisposeAsync();
    }
}

internal static class TempFolder
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "releat-gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
