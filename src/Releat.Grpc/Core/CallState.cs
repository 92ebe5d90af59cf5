namespace Grpc.Core;

/// <summary>
/// The parts every client call shape exposes besides its messages: response headers, final status, trailers and
/// disposal. Grouped so the four call types stay thin.
/// </summary>
internal sealed class CallState(
    Func<Task<Metadata>> responseHeadersAsync,
    Func<Status> getStatus,
    Func<Metadata> getTrailers,
    Action dispose)
{
    private Task<Metadata>? _responseHeaders;

    /// <summary>Created on first use, so a caller that never reads headers never pays for them.</summary>
    public Task<Metadata> ResponseHeadersAsync => _responseHeaders ??= responseHeadersAsync();

    public Status GetStatus() => getStatus();

    public Metadata GetTrailers() => getTrailers();

    public void Dispose() => dispose();
}
