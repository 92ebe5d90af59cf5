using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>Which Redis errors mean "try again later" (Redis down, restarting, loading its data) rather than a bug.</summary>
internal static class RedisFailures
{
    private static readonly string[] TransientReplies = ["LOADING", "BUSY", "MASTERDOWN", "READONLY", "TRYAGAIN", "CLUSTERDOWN"];

    public static bool IsTransient(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => TransientReplies.Any(r => server.Message.StartsWith(r, StringComparison.Ordinal)),
        _ => false,
    };

    public static bool IsMissingGroup(Exception exception) =>
        exception is RedisServerException server && server.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

    public static SignalBusUnavailableException Unavailable(string what, string address, Exception cause) =>
        new($"Redis {address}: {what} failed: {cause.Message}", cause);
}
