namespace Releat.SignalBus;

/// <summary>The bus (Redis) could not be reached or answered with a transient error; the operation may be retried.</summary>
public sealed class SignalBusUnavailableException : Exception
{
    public SignalBusUnavailableException()
    {
    }

    public SignalBusUnavailableException(string message)
        : base(message)
    {
    }

    public SignalBusUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
