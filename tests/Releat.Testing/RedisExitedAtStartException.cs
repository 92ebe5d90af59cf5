namespace Releat.Testing;

/// <summary>redis-server stopped while starting (its port taken, or options it refused).</summary>
public sealed class RedisExitedAtStartException : InvalidOperationException
{
    public RedisExitedAtStartException()
    {
    }

    public RedisExitedAtStartException(string message)
        : base(message)
    {
    }

    public RedisExitedAtStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
