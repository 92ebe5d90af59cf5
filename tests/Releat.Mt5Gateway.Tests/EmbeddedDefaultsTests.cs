using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Tests;

/// <summary>
/// The gateway started as `dotnet path/to/Releat.Mt5Gateway.dll` from another folder: it reads the appsettings.json
/// beside the program (its Logging section keeps ASP.NET Core's per-request lines out) and takes orders under its
/// built-in order rate limit, instead of failing every order for want of Grpc:RateLimits:orders.
/// </summary>
public sealed class EmbeddedDefaultsTests
{
    [Fact]
    public async Task Started_from_another_folder_the_gateway_reads_its_own_settings_and_takes_orders()
    {
        var elsewhere = TempFolder.Create();
        await using var gateway = await GatewayFixture.StartAsync(TempFolder.Create(), new Dictionary<string, string>(), workingDirectory: elsewhere);
        var order = new V1.OrderRequest { ClientOrderId = "defaults-1", Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.01 };

        var result = await gateway.Trading.SendOrderAsync(order).ResponseAsync.WithTimeout();

        Assert.False(File.Exists(Path.Combine(elsewhere, "appsettings.json")));
        Assert.Equal(V1.OrderState.Filled, result.State);
        Assert.DoesNotContain("rate limiting policy", gateway.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", gateway.Process.Output, StringComparison.Ordinal);
    }
}
