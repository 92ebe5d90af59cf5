using Releat.SignalBus.Redis;
using Releat.Testing;

namespace Releat.SignalBus.Tests;

/// <summary>One redis-server (append-only, fsync always) for a test class; each test takes its own key prefix.</summary>
public sealed class RedisFixture : IDisposable
{
    private int _prefixes;

    public RedisServerProcess Server { get; } = RedisServerProcess.Start();

    public RedisSignalBusOptions Options() => new()
    {
        Address = Server.Address,
        KeyPrefix = "test" + Interlocked.Increment(ref _prefixes),
        MaxBlock = TimeSpan.FromMilliseconds(500),
    };

    public void Dispose() => Server.Dispose();
}
