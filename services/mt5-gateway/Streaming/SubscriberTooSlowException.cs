namespace Releat.Mt5Gateway.Streaming;

/// <summary>A live subscriber fell so far behind that its queue filled; the gateway answers RESOURCE_EXHAUSTED.</summary>
public sealed class SubscriberTooSlowException : Exception
{
    public SubscriberTooSlowException(int capacity)
        : base($"tick subscriber fell {capacity} ticks behind and was disconnected; read faster or subscribe to fewer symbols")
    {
    }

    public SubscriberTooSlowException()
    {
    }

    public SubscriberTooSlowException(string message)
        : base(message)
    {
    }

    public SubscriberTooSlowException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
