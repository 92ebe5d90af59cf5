using Releat.Contracts.Channels;

namespace Releat.Mt5Gateway.Tests;

/// <summary>Two callers for a gateway with authentication on: "dashboard" with the read role, "trader" with trade.</summary>
internal static class GatewayCallers
{
    public const string ReadToken = "reader-token-0123456789abcdef";
    public const string TradeToken = "trader-token-0123456789abcdef";

    /// <summary>The gateway settings that configure both callers, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Simulated__Speed"] = "50",
            ["Auth__Callers__0__Name"] = "dashboard",
            ["Auth__Callers__0__Role"] = "read",
            ["Auth__Callers__0__Token"] = ReadToken,
            ["Auth__Callers__1__Name"] = "trader",
            ["Auth__Callers__1__Role"] = "trade",
            ["Auth__Callers__1__Token"] = TradeToken,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A channel to the gateway that presents <paramref name="token"/>.</summary>
    public static ReleatChannel Channel(GatewayFixture gateway, string token) =>
        ReleatChannel.ForAddress(gateway.Process.GrpcAddress, new ReleatChannelOptions { BearerToken = token });
}
