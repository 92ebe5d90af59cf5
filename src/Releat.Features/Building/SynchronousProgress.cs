namespace Releat.Features.Building;

/// <summary>An IProgress that reports on the caller's thread at once (Progress&lt;T&gt; would post to a context).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
