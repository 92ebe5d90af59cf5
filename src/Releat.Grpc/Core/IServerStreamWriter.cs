namespace Grpc.Core;

/// <summary>The response stream a server handler writes to.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>;
