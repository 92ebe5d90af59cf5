using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>
/// A private redis-server (Debian's package) for one test class, stopped when the class's tests are done; what
/// stopped it from starting is kept in <see cref="Problem"/> so each test fails with the reason.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly RedisServerProcess? _server;

    public RedisServer()
    {
        try
        {
            _server = RedisServerProcess.Start();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Problem = e.Message;
        }
    }

    public string? Problem { get; }

    public string Configuration => _server?.Address ?? throw new InvalidOperationException(Problem);

    public void Dispose() => _server?.Dispose();
}
