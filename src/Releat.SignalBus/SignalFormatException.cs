namespace Releat.SignalBus;

/// <summary>A stored entry is not a releat.v1.Signal; the message names the stream key and entry id.</summary>
public sealed class SignalFormatException : Exception
{
    public SignalFormatException()
    {
    }

    public SignalFormatException(string message)
        : base(message)
    {
    }

    public SignalFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
