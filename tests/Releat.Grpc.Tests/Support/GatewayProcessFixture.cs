using Releat.Testing;

namespace Releat.Grpc.Tests.Support;

/// <summary>
/// The mt5-gateway as its own process (simulated venue on synthetic ticks) with authentication on: a read caller and
/// one trade caller per client that places orders, so each client's order-rate bucket (2 orders an hour) is its own.
/// </summary>
public sealed class GatewayProcessFixture : IAsyncLifetime
{
    public const string ReadToken = "interop-read-token-0123456789abcdef";
    public const string PythonTradeToken = "interop-python-trade-0123456789abcdef";
    public const string NodeTradeToken = "interop-node-trade-0123456789abcdef";
    public const string ShapesTradeToken = "interop-shapes-trade-0123456789abcdef";

    private readonly string _dataRoot = Directory.CreateTempSubdirectory("releat-grpc-interop-").FullName;

    public ServiceProcess Gateway { get; private set; } = null!;

    public static Dictionary<string, string> Settings(string dataRoot) => new()
    {
        ["Gateway__DataRoot"] = dataRoot,
        ["Gateway__Simulated__Source"] = "Synthetic",
        ["Gateway__Simulated__Speed"] = "50",
        ["Auth__Callers__0__Name"] = "dashboard",
        ["Auth__Callers__0__Role"] = "read",
        ["Auth__Callers__0__Token"] = ReadToken,
        ["Auth__Callers__1__Name"] = "python-trader",
        ["Auth__Callers__1__Role"] = "trade",
        ["Auth__Callers__1__Token"] = PythonTradeToken,
        ["Auth__Callers__2__Name"] = "node-trader",
        ["Auth__Callers__2__Role"] = "trade",
        ["Auth__Callers__2__Token"] = NodeTradeToken,
        ["Auth__Callers__3__Name"] = "shapes",
        ["Auth__Callers__3__Role"] = "trade",
        ["Auth__Callers__3__Token"] = ShapesTradeToken,
        ["Grpc__RateLimits__orders__TokenLimit"] = "2",
        ["Grpc__RateLimits__orders__TokensPerPeriod"] = "1",
        ["Grpc__RateLimits__orders__ReplenishmentPeriod"] = "01:00:00",
    };

    public async Task InitializeAsync() => Gateway = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", Settings(_dataRoot));

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Directory.Delete(_dataRoot, recursive: true);
    }
}
