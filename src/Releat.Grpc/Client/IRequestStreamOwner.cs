namespace Releat.Grpc.Client;

/// <summary>What a request stream writer needs from its call, without the call's response type.</summary>
internal interface IRequestStreamOwner
{
    Task<Stream> GetRequestStreamAsync();

    void EndRequestStream();

    /// <summary>The exception to throw when writing failed: the call's status if it already ended, else the transport's.</summary>
    Task<Exception> WriteFailedAsync(Exception exception);
}
