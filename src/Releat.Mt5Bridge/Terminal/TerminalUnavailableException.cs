namespace Releat.Mt5Bridge.Terminal;

/// <summary>No terminal is connected, it disconnected, or it did not answer in time; the gateway maps this to UNAVAILABLE.</summary>
public sealed class TerminalUnavailableException : Exception
{
    public TerminalUnavailableException(string message)
        : base(message)
    {
    }

    public TerminalUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TerminalUnavailableException()
    {
    }
}
