namespace Releat.Cli.Commands;

/// <summary>
/// Reports progress on the caller's thread, in order. Progress&lt;T&gt; would post to the thread pool, so the last
/// report could land after the work finished.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
