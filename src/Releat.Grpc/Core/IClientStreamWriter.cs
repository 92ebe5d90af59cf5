namespace Grpc.Core;

/// <summary>The request stream a client writes to; CompleteAsync tells the server no more messages follow.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    Task CompleteAsync();
}
