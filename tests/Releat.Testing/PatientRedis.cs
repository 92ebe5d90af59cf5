using StackExchange.Redis;

namespace Releat.Testing;

/// <summary>
/// A test's own Redis connection (to look at or plant what the code under test stores), waiting as long as the suite's
/// other deadlines. The client's default 5 s timeouts once failed a SUBSCRIBE beside two busy loops and the other test
/// assemblies (repeat-tests --stress); the code under test keeps its own timeouts.
/// </summary>
public static class PatientRedis
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(string address, bool allowAdmin = false)
    {
        var options = ConfigurationOptions.Parse(address);
        options.AllowAdmin = allowAdmin;
        options.SyncTimeout = options.AsyncTimeout = (int)Eventually.DefaultDeadline.TotalMilliseconds;
        options.ConnectTimeout = (int)Eventually.DefaultDeadline.TotalMilliseconds;
        return await ConnectionMultiplexer.ConnectAsync(options).WithTimeout();
    }
}
