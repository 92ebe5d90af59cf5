using System.Globalization;
using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// The mt5-gateway as a real process with its callers' tokens and the MT5 bridge's shared secret in its
/// environment, as in production: wrong and right tokens, a terminal with the wrong secret and one with the right
/// one, then a stop; nothing it wrote, on any stream, contains a token or either secret.
/// </summary>
public sealed class GatewaySecretsTests
{
    [Fact]
    public async Task Neither_tokens_nor_the_bridge_secret_appear_in_the_gateway_output()
    {
        var random = new Random(9401);
        string readToken = TestSecret.Next(random);
        string tradeToken = TestSecret.Next(random);
        string wrongToken = TestSecret.Next(random);
        string bridgeSecret = TestSecret.Next(random);
        string wrongBridgeSecret = TestSecret.Next(random);
        int bridgePort = FreePort.Next();
        string dataRoot = Directory.CreateTempSubdirectory("releat-gateway-secrets-").FullName;
        try
        {
            await using var gateway = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", new Dictionary<string, string>
            {
                ["Gateway__DataRoot"] = dataRoot,
                ["Gateway__Backend"] = "Mt5",
                ["Mt5Bridge__Port"] = bridgePort.ToString(CultureInfo.InvariantCulture),
                ["Mt5Bridge__SharedSecret"] = bridgeSecret,
                ["Auth__Callers__0__Name"] = "dashboard",
                ["Auth__Callers__0__Role"] = "read",
                ["Auth__Callers__0__Token"] = readToken,
                ["Auth__Callers__1__Name"] = "trader",
                ["Auth__Callers__1__Role"] = "trade",
                ["Auth__Callers__1__Token"] = tradeToken,
            });

            await using (var impostor = await FakeTerminal.ConnectAsync(bridgePort, wrongBridgeSecret))
            {
                Assert.StartsWith("DENIED", impostor.Greeting, StringComparison.Ordinal);
            }

            await using var terminal = await FakeTerminal.ConnectAsync(bridgePort, bridgeSecret);
            Assert.Equal("WELCOME", terminal.Greeting);

            Assert.Equal(StatusCode.Unauthenticated, await StatusOf(gateway, wrongToken, GetSymbol));
            Assert.Equal(StatusCode.Unauthenticated, await StatusOf(gateway, tradeToken + "x", GetSymbol));
            Assert.Equal(StatusCode.Unauthenticated, await StatusOf(gateway, tradeToken[..^1], GetSymbol));
            Assert.Equal(StatusCode.PermissionDenied, await StatusOf(gateway, readToken, SendOrder));
            Assert.Equal(StatusCode.OK, await StatusOf(gateway, readToken, GetSymbol));
            Assert.DoesNotContain(await StatusOf(gateway, tradeToken, GetSymbol), Refusals);

            int exitCode = await gateway.StopAsync(TimeSpan.FromSeconds(30));
            string logged = gateway.Output;
            (string What, string Value)[] secrets =
            [
                ("read token", readToken), ("trade token", tradeToken), ("wrong token", wrongToken),
                ("bridge secret", bridgeSecret), ("wrong bridge secret", wrongBridgeSecret),
            ];
            string shown = secrets.Aggregate(logged, (text, s) => text.Replace(s.Value[..16], $"<{s.What}>", StringComparison.Ordinal));
            Assert.True(exitCode == 0, $"the gateway exited with {exitCode} on SIGTERM:\n{shown}");
            Assert.False(string.IsNullOrWhiteSpace(logged), "the gateway should have logged its start and stop");
            foreach ((string what, string secret) in secrets)
            {
                // Also a telling piece of it: a secret cut, quoted or escaped in a log line is still a leak.
                Assert.False(logged.Contains(secret[..16], StringComparison.Ordinal), $"the gateway's output contains the {what}:\n{shown}");
            }
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    private static readonly StatusCode[] Refusals = [StatusCode.Unauthenticated, StatusCode.PermissionDenied];

    private static Task GetSymbol(ReleatChannel channel) =>
        new V1.MarketData.MarketDataClient(channel).GetSymbolAsync(new V1.GetSymbolRequest { Symbol = "EURUSD" }).ResponseAsync;

    private static Task SendOrder(ReleatChannel channel) =>
        new V1.Trading.TradingClient(channel).SendOrderAsync(new V1.OrderRequest
        {
            ClientOrderId = "secrets-1", Symbol = "EURUSD", Side = V1.OrderSide.Buy, Volume = 0.01,
        }).ResponseAsync;

    private static async Task<StatusCode> StatusOf(ServiceProcess host, string token, Func<ReleatChannel, Task> call)
    {
        using var channel = ReleatChannel.ForAddress(host.GrpcAddress, new ReleatChannelOptions { BearerToken = token });
        try
        {
            await call(channel);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
