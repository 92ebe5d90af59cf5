namespace Releat.Mt5Bridge.Protocol;

/// <summary>A line the terminal sent that breaks the protocol; the message names the line number and field.</summary>
public sealed class BridgeProtocolException : Exception
{
    public BridgeProtocolException(string message)
        : base(message)
    {
    }

    public BridgeProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BridgeProtocolException()
    {
    }
}
