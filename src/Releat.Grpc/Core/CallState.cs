namespace Grpc.Core;

/// <summary>
/// The parts every client call shape exposes besides its messages: response headers, final status, trailers and
/// disposal. Grouped so the four call types stay thin.
/// </summary>
internal sealed class CallState(
    Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose)
{
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    public Status GetStatus() => getStatus();

    public Metadata GetTrailers() => getTrailers();

    public void Dispose() => dispose();
}
