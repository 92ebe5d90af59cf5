namespace Releat.Training.Runs;

/// <summary>
/// Reports progress on the reporting thread, at once and in order. Progress&lt;T&gt; would post to the thread pool, so
/// a report could land after the work it describes has finished.
/// </summary>
internal sealed class CallerThreadProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
