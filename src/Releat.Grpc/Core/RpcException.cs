namespace Grpc.Core;

/// <summary>A call that ended with a non-OK status; thrown by handlers to choose the status, and by clients to report it.</summary>
public class RpcException : Exception
{
    public RpcException()
        : this(new Status(StatusCode.Unknown, ""))
    {
    }

    public RpcException(string message)
        : this(new Status(StatusCode.Unknown, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = new Status(StatusCode.Unknown, message, innerException);
        Trailers = new Metadata();
    }

    public RpcException(Status status)
        : this(status, new Metadata(), status.ToString())
    {
    }

    public RpcException(Status status, string message)
        : this(status, new Metadata(), message)
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, status.ToString())
    {
    }

    public RpcException(Status status, Metadata trailers, string message)
        : base(message, status.DebugException)
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailers the server sent with the status (client side) or that the handler wants sent (server side).</summary>
    public Metadata Trailers { get; }
}
