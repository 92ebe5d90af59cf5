namespace Grpc.Core;

/// <summary>Messages arriving one by one: MoveNext until it returns false, reading Current after each true.</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    Task<bool> MoveNext(CancellationToken cancellationToken);
}
